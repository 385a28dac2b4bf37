/** Pieces kept before they are joined into the text. */
const JOIN_EVERY = 256;
/** Joins onto the text between flattens, at least. */
const MIN_JOINS = 32;
/** Flatten once the text joined since the last flatten is ≥ 1/8 of what was flat then. */
const GROWTH_DIVISOR = 8;

/**
 * Pieces a tracked text ({@link GrowingText.track}) takes as a plain `+=` on its property before it
 * is attached: the first events of a block (the first event of a stream among them) skip the two
 * `Object.defineProperty` calls, ≈ 10 µs when the CPU comes back from waiting on the network, and a
 * short block never needs them. A rope of this many pieces is no memory concern.
 */
const ATTACH_AFTER = 16;

/** Where an attached property's object keeps its text (non-enumerable; removed by `settle()`). */
const GROWN = Symbol("streambed.growingText");

/** Getter of every attached property. */
function readAttached(this: { [GROWN]: GrowingText }): string {
  return this[GROWN].value;
}

/** Setter of every attached property. */
function writeAttached(this: { [GROWN]: GrowingText }, value: string): void {
  this[GROWN].replace(value);
}

/**
 * Text assembled from many small deltas (the `text` / `thinking` of the partial message): the
 * deltas are kept as pieces and joined only every {@link JOIN_EVERY} pieces, or when the text is
 * read. The content object's property is an accessor while the block streams ({@link attach}; from
 * its {@link ATTACH_AFTER}th piece on with {@link track}), so `partial` is always exact: reading it
 * joins what is pending. When the block ends, {@link settle}
 * turns it back into a plain data property.
 *
 * Why: `s += delta` makes V8 build a rope, one ≈ 32-byte node per append, each holding its piece
 * alive (1,000 deltas of 18 characters hold ≈ 60 KB where the text is 18 KB), and flattening it
 * often enough to keep memory down costs a copy of the text each time. Joining pieces in batches
 * makes one flat string per batch (`Array#join` builds it flat), so the rope has one node per
 * batch: no flattening is needed for memory. A caller that reads the text on every delta makes one
 * node per read again; for that case the text is flattened after every {@link MIN_JOINS} joins once
 * it has grown by 1/{@link GROWTH_DIVISOR}, which keeps the copying linear (≤ 9× the final length).
 */
export class GrowingText {
  /** Keeps the map of this class's instances alive between streams (see `TextDeltaReader`'s `#shape`). */
  static readonly #shape = new GrowingText();
  #text = "";
  #pieces: string[] = [];
  #joins = 0;
  /** Length at the last flatten. */
  #flat = 0;
  #target: Record<string, unknown> | undefined;
  #key = "";
  /** Pieces still appended in place: a tracked text not attached yet (0 once attached, or settled). */
  #inPlace = 0;

  /**
   * Follows `target[key]`: its first pieces are appended to the plain property itself, and it is
   * attached ({@link attach}) at the {@link ATTACH_AFTER}th. Reads, writes and {@link settle} see the
   * same text either way.
   */
  track<K extends string>(target: { [P in K]: string }, key: K): void {
    this.#target = target as Record<string, unknown>;
    this.#key = key;
    this.#inPlace = ATTACH_AFTER;
  }

  /**
   * Makes `target[key]` read (and write) this text. The accessor's functions are the same for every
   * text (they find theirs under a symbol on the object, so a Proxy or an object inheriting from it
   * reads it too): with a getter and setter made per text, V8 kept each finished stream's text
   * reachable at young-generation GCs until the next full GC, so it was promoted to old space
   * (1,000 sequential streams of 1,000 deltas: 24.8 → 5.5 MB promoted).
   */
  attach<K extends string>(target: { [P in K]: string }, key: K): void {
    this.#inPlace = 0;
    this.#text = target[key];
    this.#target = target as Record<string, unknown>;
    this.#key = key;
    Object.defineProperty(target, GROWN, { value: this, configurable: true });
    Object.defineProperty(target, key, { get: readAttached, set: writeAttached, enumerable: true, configurable: true });
  }

  /** Replaces the whole text (what assigning the attached property does). */
  replace(value: string): void {
    this.#text = value;
    this.#pieces.length = 0;
    this.#joins = 0;
    this.#flat = value.length;
  }

  /** Adds `piece` at the end. */
  append(piece: string): void {
    if (this.#inPlace > 0) return this.#appendInPlace(piece);
    if (this.#pieces.push(piece) >= JOIN_EVERY) this.#join();
  }

  /** {@link append} to a tracked text not attached yet: onto the property, or attach it now. */
  #appendInPlace(piece: string): void {
    const target = this.#target as Record<string, string>;
    if (--this.#inPlace > 0) {
      target[this.#key] += piece;
      return;
    }
    this.attach(target, this.#key);
    this.#pieces.push(piece);
  }

  /** The whole text. */
  get value(): string {
    if (this.#inPlace > 0) return (this.#target as Record<string, string>)[this.#key]!;
    if (this.#pieces.length > 0) this.#join();
    return this.#text;
  }

  /** The attached property becomes a plain data property holding the whole text (the block ended). */
  settle(): void {
    const target = this.#target;
    if (target === undefined) return;
    this.#target = undefined;
    if (this.#inPlace > 0) {
      this.#inPlace = 0; // never attached: the property holds the whole text already
      return;
    }
    Object.defineProperty(target, this.#key, { value: this.value, writable: true, enumerable: true, configurable: true });
    delete (target as { [GROWN]?: GrowingText })[GROWN];
    this.#pieces.length = 0; // no more appends: the backing store (room for JOIN_EVERY pieces) goes
  }

  #join(): void {
    const pieces = this.#pieces;
    const batch = pieces.length >= JOIN_EVERY;
    const next = this.#text + (pieces.length === 1 ? pieces[0]! : pieces.join(""));
    // pop(), not `length = 0`: that drops the backing store, regrown (≈ 6 allocations) every batch.
    while (pieces.length > 0) pieces.pop();
    // A full batch adds one rope node per JOIN_EVERY pieces: nothing to flatten for. Reads add one per read.
    if (!batch && ++this.#joins >= MIN_JOINS && (next.length - this.#flat) * GROWTH_DIVISOR >= this.#flat) {
      next.charCodeAt(0); // flattens a V8 rope in place; `next` stays the same string
      this.#joins = 0;
      this.#flat = next.length;
    }
    this.#text = next;
  }
}
