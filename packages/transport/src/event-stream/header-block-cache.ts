import { decodeHeaders } from "./decode-headers.js";
import type { EventStreamHeaders, EventStreamHeaderValue } from "./types.js";

/** Header sections longer than this are always decoded in full. */
const MAX_CACHED = 256;

/**
 * Decodes header sections, remembering the last one. Consecutive frames of a stream usually carry
 * byte-identical headers (`:event-type contentBlockDelta`, `:content-type application/json`,
 * `:message-type event`); comparing the bytes with the previous section and rebuilding the
 * headers from it costs a fraction of parsing them again.
 *
 * Every call returns fresh objects (headers, value wrappers, `Date`s), so a caller that mutates
 * one message's headers never affects another's; unless constructed with `share`, when repeats
 * of the remembered section all get one frozen object. Sections holding a `binary` value are not
 * remembered: their value is a view of the frame's own bytes.
 */
export class HeaderBlockCache {
  /** Keeps the map of this class's instances alive between streams (see `EventStreamDecoder`'s `#shape`). */
  static readonly #shape = new HeaderBlockCache({ share: true });
  /**
   * The shared headers object built last, by any cache, kept for the same reason: the hidden
   * classes of a headers object and of its frozen value wrappers die with the last such object
   * otherwise, and with them the optimised code that reads headers (once per frame).
   */
  static #lastShared: EventStreamHeaders | undefined;
  readonly #bytes = new Uint8Array(MAX_CACHED);
  readonly #bytesView = new DataView(this.#bytes.buffer);
  #length = -1;
  /** A DataView of the last array decoded from (a chunk holds many frames): compared 4 bytes at a time. */
  #of: Uint8Array | undefined;
  #view: DataView | undefined;
  #names: string[] = [];
  #values: EventStreamHeaderValue[] = [];
  /** With `share`: the frozen headers handed out for the remembered section, built on its first repeat. */
  readonly #share: boolean;
  #shared: EventStreamHeaders | undefined;

  /**
   * @param options.share Hand out one frozen headers object for every repeat of the remembered
   *   section instead of a fresh copy each time (see `EventStreamDecoderOptions.shareHeaders`).
   */
  constructor(options: { share?: boolean } = {}) {
    this.#share = options.share === true;
  }

  /** Decode the headers section `[start, end)` of `b`; throws like {@link decodeHeaders}. */
  decode(b: Uint8Array, start: number, end: number): EventStreamHeaders {
    const len = end - start;
    if (len === 0) return {};
    if (len === this.#length) {
      if (b !== this.#of) {
        this.#of = b;
        this.#view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      }
      // Four bytes per step through DataViews (≈ 2.5× a byte loop for a ≈ 90-byte section).
      const view = this.#view!;
      const cached = this.#bytesView;
      const len4 = len - 3;
      let i = 0;
      while (i < len4 && cached.getInt32(i) === view.getInt32(start + i)) i += 4;
      if (i >= len4) while (i < len && this.#bytes[i] === b[start + i]) i++;
      if (i === len) return this.#share ? (this.#shared ?? this.#buildShared()) : this.#rebuild();
    }
    const headers = decodeHeaders(b, start, end);
    if (len <= MAX_CACHED) this.#remember(b, start, len, headers);
    return headers;
  }

  /** Drop the view of the last array decoded from, so that it does not keep a used chunk alive. */
  release(): void {
    this.#of = undefined;
    this.#view = undefined;
  }

  #buildShared(): EventStreamHeaders {
    const shared = freeze(this.#rebuild());
    this.#shared = shared;
    HeaderBlockCache.#lastShared = shared;
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
