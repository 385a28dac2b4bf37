import { decodeHeaders } from "./decode-headers.js";
import type { EventStreamHeaders, EventStreamHeaderValue } from "./types.js";

/** Header sections longer than this are always decoded in full. */
const MAX_CACHED = 256;

const NO_BYTES = new Uint8Array(0);
const NO_VIEW = new DataView(NO_BYTES.buffer);

/** Whether a section may be shared realm-wide: no `binary` value (a view of one frame's bytes) and no timestamp (a mutable `Date`). */
function sharable(headers: EventStreamHeaders): boolean {
  for (const name in headers) {
    const type = headers[name]!.type;
    if (type === "binary" || type === "timestamp") return false;
  }
  return true;
}

/** Distinct header sections every cache in this realm shares (with `share`), at most. */
const SHARED_SECTIONS = 16;

/** A header section remembered realm-wide: its bytes and the one frozen headers object handed out for them. */
interface SharedSection {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly headers: EventStreamHeaders;
}

/**
 * The sections shared by every cache made with `share`, newest replacing the oldest. A stream's
 * header sections are the same as every other stream's (ConverseStream: the same three headers,
 * with one of six event types), so they are decoded and frozen once per process, not once per
 * stream: no per-stream copy of them, and no 256-byte buffer per stream to compare against.
 */
const sharedSections: SharedSection[] = [];
let nextSlot = 0;

/**
 * Decodes header sections, remembering the last one. Consecutive frames of a stream usually carry
 * byte-identical headers (`:event-type contentBlockDelta`, `:content-type application/json`,
 * `:message-type event`); comparing the bytes with the previous section and rebuilding the
 * headers from it costs a fraction of parsing them again.
 *
 * Every call returns fresh objects (headers, value wrappers, `Date`s), so a caller that mutates
 * one message's headers never affects another's; unless constructed with `share`, when every
 * section seen recently in this realm gets one frozen object (sections holding a timestamp, whose
 * `Date` could still be changed, are frozen per cache instead). Sections holding a `binary` value
 * are not remembered: their value is a view of the frame's own bytes.
 */
export class HeaderBlockCache {
  /** Keeps the map of this class's instances alive between streams (see `EventStreamDecoder`'s `#shape`). */
  static readonly #shape = new HeaderBlockCache({ share: true });
  /** The remembered section's bytes: made on the first section remembered (a shared cache: only one with a timestamp). */
  #bytes = NO_BYTES;
  #bytesView = NO_VIEW;
  #length = -1;
  /** A DataView of the last array decoded from (a chunk holds many frames): compared 4 bytes at a time. */
  #of: Uint8Array | undefined;
  #view: DataView | undefined;
  #names: string[] = [];
  #values: EventStreamHeaderValue[] = [];
  /** With `share`: the frozen headers handed out for the remembered section, built on its first repeat. */
  readonly #share: boolean;
  #shared: EventStreamHeaders | undefined;
  /** With `share`: the realm-wide section matched last, compared first. */
  #section: SharedSection | undefined;

  /**
   * @param options.share Hand out one frozen headers object for every repeat of a section instead
   *   of a fresh copy each time (see `EventStreamDecoderOptions.shareHeaders`).
   */
  constructor(options: { share?: boolean } = {}) {
    this.#share = options.share === true;
  }

  /** Decode the headers section `[start, end)` of `b`; throws like {@link decodeHeaders}. */
  decode(b: Uint8Array, start: number, end: number): EventStreamHeaders {
    const len = end - start;
    if (len === 0) return {};
    if (this.#share) {
      const last = this.#section;
      if (last !== undefined && last.bytes.length === len && this.#same(last.view, last.bytes, b, start, len)) return last.headers;
      for (let k = 0; k < sharedSections.length; k++) {
        const section = sharedSections[k]!;
        if (section !== last && section.bytes.length === len && this.#same(section.view, section.bytes, b, start, len)) {
          this.#section = section;
          return section.headers;
        }
      }
    }
    if (len === this.#length && this.#same(this.#bytesView, this.#bytes, b, start, len)) {
      return this.#share ? (this.#shared ?? this.#buildShared()) : this.#rebuild();
    }
    const headers = decodeHeaders(b, start, end);
    if (len <= MAX_CACHED) {
      if (this.#share && sharable(headers)) return this.#addShared(b, start, len, headers);
      this.#remember(b, start, len, headers);
    }
    return headers;
  }

  /** Drop the view of the last array decoded from, so that it does not keep a used chunk alive. */
  release(): void {
    this.#of = undefined;
    this.#view = undefined;
  }

  /** Whether `b[start, start + len)` equals `cached` (`len` bytes; `cachedView` is a view of it). */
  #same(cachedView: DataView, cached: Uint8Array, b: Uint8Array, start: number, len: number): boolean {
    if (b !== this.#of) {
      this.#of = b;
      this.#view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    // Four bytes per step through DataViews (≈ 2.5× a byte loop for a ≈ 90-byte section).
    const view = this.#view!;
    const len4 = len - 3;
    let i = 0;
    while (i < len4 && cachedView.getInt32(i) === view.getInt32(start + i)) i += 4;
    if (i >= len4) while (i < len && cached[i] === b[start + i]) i++;
    return i === len;
  }

  /** Remember a new section realm-wide, replacing the oldest once there are {@link SHARED_SECTIONS}; its frozen headers. */
  #addShared(b: Uint8Array, start: number, len: number, headers: EventStreamHeaders): EventStreamHeaders {
    const bytes = b.slice(start, start + len);
    const section: SharedSection = { bytes, view: new DataView(bytes.buffer), headers: freeze(headers) };
    if (sharedSections.length < SHARED_SECTIONS) sharedSections.push(section);
    else {
      sharedSections[nextSlot] = section;
      nextSlot = (nextSlot + 1) % SHARED_SECTIONS;
    }
    this.#section = section;
    return section.headers;
  }

  #buildShared(): EventStreamHeaders {
    const shared = freeze(this.#rebuild());
    this.#shared = shared;
    return shared;
  }

  #rebuild(): EventStreamHeaders {
    const headers: EventStreamHeaders = {};
    const names = this.#names;
    const values = this.#values;
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      const v = values[k]!;
      const value = (
        v.type === "timestamp" ? { type: v.type, value: new Date(v.value.getTime()) } : { type: v.type, value: v.value }
      ) as EventStreamHeaderValue;
      if (name === "__proto__") Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
      else headers[name] = value;
    }
    return headers;
  }

  #remember(b: Uint8Array, start: number, len: number, headers: EventStreamHeaders): void {
    const names = Object.keys(headers);
    const values: EventStreamHeaderValue[] = [];
    for (const name of names) {
      const value = headers[name]!;
      if (value.type === "binary") {
        this.#length = -1;
        return;
      }
      // A copy: the caller owns (and may mutate) the objects it was handed.
      values.push(
        (value.type === "timestamp"
          ? { type: value.type, value: new Date(value.value.getTime()) }
          : { type: value.type, value: value.value }) as EventStreamHeaderValue,
      );
    }
    // The decoded object holds each name once (the last value wins), in key order, which is
    // exactly what replaying the (name, value) pairs in that order rebuilds.
    if (this.#bytes === NO_BYTES) {
      this.#bytes = new Uint8Array(MAX_CACHED);
      this.#bytesView = new DataView(this.#bytes.buffer);
    }
    const cached = this.#bytes;
    for (let i = 0; i < len; i++) cached[i] = b[start + i]!;
    this.#length = len;
    this.#names = names;
    this.#values = values;
    this.#shared = undefined;
  }
}

/** Freeze a rebuilt headers object and its value wrappers (a timestamp's `Date` stays a `Date`). */
function freeze(headers: EventStreamHeaders): EventStreamHeaders {
  for (const name in headers) Object.freeze(headers[name]);
  return Object.freeze(headers);
}
