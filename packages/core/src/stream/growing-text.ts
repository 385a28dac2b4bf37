/** Appends between flattens, at least. */
const MIN_PIECES = 32;
/** Flatten once the text appended since the last flatten is ≥ 1/8 of what was flat then. */
const GROWTH_DIVISOR = 8;

/**
 * Text assembled from many small deltas (the `text` / `thinking` of the partial message), kept
 * mostly flat.
 *
 * `s += delta` makes V8 build a rope: one ≈ 32-byte node per append, each holding its piece alive,
 * so 1,000 deltas of 18 characters hold ≈ 60 KB where the text is 18 KB, and every node outlives
 * the young generation. At a thousand concurrent streams that rope is most of the heap. Reading a
 * character flattens a rope into one sequential string; doing it after every {@link MIN_PIECES}
 * appends, and for long texts only once they have grown by 1/{@link GROWTH_DIVISOR}, keeps the
 * copying linear (≤ 9× the final length in all) while the text stays within ≈ 1.1× its size.
 */
export class GrowingText {
  #pieces = 0;
  /** Characters appended since the last flatten. */
  #pending = 0;
  /** Length at the last flatten. */
  #flat = 0;

  /** `current + piece`, flattened when it is time to. */
  append(current: string, piece: string): string {
    const next = current + piece;
    this.#pending += piece.length;
    if (++this.#pieces >= MIN_PIECES && this.#pending * GROWTH_DIVISOR >= this.#flat) {
      next.charCodeAt(0); // flattens a V8 rope in place; `next` stays the same string
      this.#pieces = 0;
      this.#flat = next.length;
      this.#pending = 0;
    }
    return next;
  }
}
