import { EventStreamDecodeError } from "../errors/transport-errors.js";
import { u32, i32 } from "./big-endian.js";
import { crc32 as jsCrc32, crc32RangeI32 } from "./crc32.js";
import { HeaderBlockCache } from "./header-block-cache.js";
import { DEFAULT_MAX_MESSAGE_LENGTH, FRAME_OVERHEAD, PRELUDE_LENGTH } from "./limits.js";
import type { Crc32, EventStreamFrameHandler, EventStreamFrameSink, EventStreamMessage } from "./types.js";

/**
 * What {@link EventStreamDecoder} calls once per complete, CRC-verified frame: `onMessage`,
 * `onFrame`, or the `onFrame` method of `frames`.
 */
export type EventStreamDecoderHandler =
  | { onMessage: (message: EventStreamMessage) => void; onFrame?: undefined; frames?: undefined }
  | { onFrame: EventStreamFrameHandler; onMessage?: undefined; frames?: undefined }
  | { frames: EventStreamFrameSink; onMessage?: undefined; onFrame?: undefined };

/** Options of {@link EventStreamDecoder} and {@link decodeEventStream}. */
export interface EventStreamDecoderOptions {
  /** CRC-32 implementation. Default: the table-driven JS one; Node passes `zlib.crc32`. */
  crc32?: Crc32;
  /** Largest frame accepted, checked on the prelude before anything is allocated. Default 24 MiB + 128 KiB + 16. */
  maxMessageLength?: number;
  /**
   * Frames whose header section repeats one already seen get one shared, frozen headers object
   * instead of a fresh copy each (ConverseStream: every delta carries the same three headers). The
   * sections are kept realm-wide, so every decoder made with this option hands out the same frozen
   * objects (sections with a timestamp header stay per decoder). For consumers that only read
   * headers. Default false.
   */
  shareHeaders?: boolean;
}

/**
 * Frames whose checksummed span is at most this many bytes are checksummed by the in-place JS
 * CRC-32: below it, calling out to a native crc32 (and cutting a view for it) costs more than
 * the table lookups (measured with node:zlib on Node 20, crossover ≈ 200 bytes).
 */
const SMALL_CRC_SPAN = 256;

/**
 * A large frame assembled across chunks is checksummed as it arrives, in steps of at least this
 * many bytes, while the bytes just copied are still in cache (one pass over memory, not two).
 */
const CRC_STEP = 16 * 1024;

/** Frames up to this size that straddle chunks are assembled in a shared slab, not their own buffer. */
const SLAB_MAX_FRAME = 2048;
/** Size of one slab. A retained payload view keeps at most one slab alive. */
const SLAB_SIZE = 16 * 1024;

/**
 * The slab every decoder in this realm assembles small straddling frames in, like Node's `Buffer`
 * pool: regions are handed out once and never reused, so sharing is safe, and a thousand concurrent
 * streams hold one partly-used slab between them instead of one each (16 MB at 1,000 streams).
 */
let slab: Uint8Array | null = null;
let slabUsed = 0;

/** A never-used region of `total` (≤ {@link SLAB_MAX_FRAME}) bytes of the shared slab. */
function slabRegion(total: number): Uint8Array {
  if (slab === null || slabUsed + total > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const start = slabUsed;
  slabUsed = start + total;
  return slab.subarray(start, start + total);
}

/** Copy `src[from, from + n)` into `dst` at `at`; a plain loop beats `set(subarray())` for a few bytes. */
function copy(dst: Uint8Array, at: number, src: Uint8Array, from: number, n: number): void {
  if (n <= 64) {
    for (let k = 0; k < n; k++) dst[at + k] = src[from + k]!;
  } else {
    dst.set(from === 0 && n === src.length ? src : src.subarray(from, from + n), at);
  }
}

/**
 * A Node Buffer (what undici and node:http hand out) viewed as a plain Uint8Array: its `subarray`
 * builds a FastBuffer through JS, ≈ 2× the bytes and time of the built-in one, once per frame payload.
 */
function plain(chunk: Uint8Array): Uint8Array {
  return chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Push-style decoder of `application/vnd.amazon.eventstream` frames, for callers that own the read
 * loop. Feed it chunks split anywhere; it calls `onMessage` (or `onFrame`) once per complete,
 * CRC-verified frame.
 *
 * Cost is O(bytes): a frame that lies whole inside a chunk is decoded in place (headers and
 * payload are views of the chunk, nothing is copied); only a frame that straddles chunks is
 * copied, once: into a fresh region of a 16 KiB slab when it is small (≤ 2 KiB, like every
 * ConverseStream delta), else into a buffer of exactly its size. No byte the decoder has handed
 * out is ever written again (regions are never reused, nothing is compacted in place), so every
 * payload view stays valid after later chunks, for as long as the caller keeps it.
 *
 * @example
 * const decoder = new EventStreamDecoder({ onMessage: (m) => console.log(m.headers[":event-type"]) });
 * for await (const chunk of body) decoder.feed(chunk);
 * decoder.end(); // throws if the stream stopped inside a frame
 */
export class EventStreamDecoder {
  /**
   * One instance kept for the life of the realm, so that the hidden class (V8 map) of every
   * decoder stays alive. V8 holds the map an object reaches by adding its fields only weakly (from
   * the class's initial map), and optimised code holds the maps it checks weakly too: once the last
   * decoder of a stream dies, a full GC frees the map and throws away the optimised code of every
   * function that checked it ("weak objects" in `node --trace-deopt`), and the next stream runs
   * unoptimised until V8 has compiled it all again (≈ 0.4 µs per event of a 200k-event stream
   * after a forced GC). A live instance keeps its map, so the code stays. Same in the classes the
   * decoder and the stream normaliser use per stream.
   */
  static readonly #shape = new EventStreamDecoder({ shareHeaders: true, onFrame: () => {} });
  readonly #crc32: Crc32;
  readonly #max: number;
  readonly #onMessage: ((message: EventStreamMessage) => void) | undefined;
  readonly #onFrame: EventStreamFrameHandler | undefined;
  readonly #frames: EventStreamFrameSink | undefined;
  /** Prelude bytes of a frame whose first < 12 bytes arrived at the end of a chunk (made when one first does). */
  #prelude: Uint8Array | undefined = undefined;
  #preludeFill = 0;
  /** A frame being assembled across chunks: a view of exactly its length. */
  #frame: Uint8Array | null = null;
  #frameFill = 0;
  /** Running message CRC of the frame being assembled: covers bytes [8, #crcAt). */
  #crcAt = 0;
  /**
   * As int32 (see `i32`). Starts as a double (`-0`, not `0`): where V8's small integers are 31 bits
   * an int32 CRC may not fit one, and a field that starts small and later holds a double gets a
   * new map, which the kept instance (`#shape`) would not be on.
   */
  #crcValue = -0;
  #error: EventStreamDecodeError | null = null;
  /** A frame was handed to `onMessage`: a cut after that leaves part of an answer, so it is not retryable. */
  #delivered = false;
  /** The chunk {@link hold} took, not used up yet, and where its next frame starts (-1: it continues one from earlier chunks). */
  #held: Uint8Array | null = null;
  #heldAt = 0;
  readonly #headers: HeaderBlockCache;

  /**
   * @param options With `onMessage`, each frame is handed out as an {@link EventStreamMessage}; with
   *   `onFrame` instead, as its bytes and the payload's offsets in them (no message object, no
   *   payload view: for consumers that read the payload in place); with `frames`, the same, as a
   *   method call on that object (see {@link EventStreamFrameSink}).
   */
  constructor(options: EventStreamDecoderOptions & EventStreamDecoderHandler) {
    this.#crc32 = options.crc32 ?? jsCrc32;
    this.#max = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    this.#onMessage = options.onMessage;
    this.#onFrame = options.onFrame;
    this.#frames = options.frames;
    if (this.#onMessage === undefined && this.#onFrame === undefined && this.#frames === undefined) {
      throw new TypeError("EventStreamDecoder needs onMessage, onFrame or frames.");
    }
    this.#headers = new HeaderBlockCache({ share: options.shareHeaders === true });
  }

  /** Bytes received that belong to a frame not complete yet (not counting a held chunk's). */
  get pendingBytes(): number {
    return this.#frame !== null ? this.#frameFill : this.#preludeFill;
  }

  /** Decode what `chunk` completes. Throws {@link EventStreamDecodeError} on a corrupt frame; the decoder then stays failed. */
  feed(chunk: Uint8Array): void {
    if (this.#error) throw this.#error;
    if (this.#held !== null) throw new TypeError("EventStreamDecoder.feed: the held chunk is not used up (call decodeFrames until it returns 0).");
    try {
      let pos = this.#pending() ? -1 : 0;
      const bytes = plain(chunk);
      do pos = this.#step(bytes, pos);
      while (pos >= 0);
    } catch (error) {
      if (error instanceof EventStreamDecodeError) this.#error = error;
      throw error;
    } finally {
      this.#headers.release();
    }
  }

  /**
   * Take `chunk` without decoding anything yet: {@link decodeFrames} then decodes its frames a few
   * at a time, so that the first frame of a chunk can reach the caller before the rest is checked
   * (a chunk may hold hundreds). The same frames, errors and order as {@link feed}. Call it again
   * only once `decodeFrames` has returned 0.
   */
  hold(chunk: Uint8Array): void {
    if (this.#error) throw this.#error;
    if (this.#held !== null) throw new TypeError("EventStreamDecoder.hold: the held chunk is not used up (call decodeFrames until it returns 0).");
    this.#held = plain(chunk);
    this.#heldAt = this.#pending() ? -1 : 0;
  }

  /**
   * Decode up to `max` more frames of the held chunk, handing each on; returns how many. 0: the
   * chunk is used up and let go (a frame it starts but does not finish waits for the next chunk).
   * A corrupt frame throws like {@link feed}, once the good frames before it are out: when this
   * call handed some on, it returns their count and the next call throws.
   */
  decodeFrames(max: number): number {
    if (this.#error) throw this.#error;
    const chunk = this.#held;
    if (chunk === null) return 0;
    let n = 0;
    try {
      let pos = this.#heldAt;
      while (n < max) {
        pos = this.#step(chunk, pos);
        if (pos < 0) break;
        n++;
      }
      if (pos >= 0) {
        this.#heldAt = pos;
        return n;
      }
    } catch (error) {
      this.#held = null;
      this.#headers.release();
      if (!(error instanceof EventStreamDecodeError)) throw error;
      this.#error = error;
      if (n === 0) throw error;
      return n;
    }
    this.#held = null;
    this.#headers.release();
    return n;
  }

  /**
   * Declare the end of the stream. Throws a `truncated` {@link EventStreamDecodeError} if a frame was
   * cut off: `retryable` when no frame had been decoded yet (nothing reached the caller, so the whole
   * request can be repeated, like an empty body), not retryable after one.
   */
  end(): void {
    while (this.decodeFrames(Infinity) > 0);
    if (this.#error) throw this.#error;
    const pending = this.pendingBytes;
    if (pending > 0) {
      const expected = this.#frame?.length;
      this.#error = new EventStreamDecodeError(
        "truncated",
        `The event stream ended inside a frame: ${pending} byte(s) received${expected ? ` of a ${expected}-byte frame` : ", prelude incomplete"}. The connection was probably cut; retry the request.`,
        { retryable: !this.#delivered },
      );
      throw this.#error;
    }
  }

  /** A frame (or its prelude) from earlier chunks waits for more bytes. */
  #pending(): boolean {
    return this.#frame !== null || this.#preludeFill > 0;
  }

  /**
   * Decode and hand on the frame at `pos` of `chunk`; `pos` -1: the frame continued from earlier
   * chunks. Returns where the next frame starts, after handing one on; -1 when the chunk is used
   * up and nothing was handed on (an unfinished frame or prelude at its end is kept).
   */
  #step(chunk: Uint8Array, pos: number): number {
    if (pos < 0) return this.#continue(chunk);
    const len = chunk.length;
    if (len - pos < PRELUDE_LENGTH) {
      if (pos < len) {
        copy((this.#prelude ??= new Uint8Array(PRELUDE_LENGTH)), 0, chunk, pos, len - pos);
        this.#preludeFill = len - pos;
      }
      return -1;
    }
    const total = this.#checkPrelude(chunk, pos);
    if (len - pos < total) {
      const frame = this.#allocate(total);
      copy(frame, 0, chunk, pos, len - pos);
      this.#start(frame, len - pos);
      return -1;
    }
    // A frame that lies whole inside the chunk: decoded in place.
    this.#emit(chunk, pos, total);
    return pos + total;
  }

  /**
   * Continue the frame (or prelude) left over from earlier chunks with the start of `chunk`.
   * Returns where the rest of the chunk starts, or -1 if the chunk was used up.
   */
  #continue(chunk: Uint8Array): number {
    const len = chunk.length;
    let pos = 0;
    if (this.#frame === null) {
      const n = Math.min(PRELUDE_LENGTH - this.#preludeFill, len);
      const prelude = this.#prelude!; // #pending(): a prelude was started, so it was made
      copy(prelude, this.#preludeFill, chunk, 0, n);
      this.#preludeFill += n;
      pos = n;
      if (this.#preludeFill < PRELUDE_LENGTH) return -1;
      const total = this.#checkPrelude(prelude, 0);
      const frame = this.#allocate(total);
      copy(frame, 0, prelude, 0, PRELUDE_LENGTH);
      this.#preludeFill = 0;
      this.#start(frame, PRELUDE_LENGTH);
    }
    const frame = this.#frame!;
    const n = Math.min(frame.length - this.#frameFill, len - pos);
    copy(frame, this.#frameFill, chunk, pos, n);
    this.#frameFill += n;
    pos += n;
    if (this.#frameFill < frame.length) {
      const upTo = Math.min(this.#frameFill, frame.length - 4);
      if (upTo - this.#crcAt >= CRC_STEP) {
        this.#crcValue = this.#crc32(frame.subarray(this.#crcAt, upTo), this.#crcValue >>> 0) | 0;
        this.#crcAt = upTo;
      }
      return -1;
    }
    this.#frame = null;
    this.#frameFill = 0;
    this.#deliver(frame, 0, frame.length, this.#checksum(frame, this.#crcAt, frame.length - 4, this.#crcValue));
    return pos;
  }

  /** Begin assembling `frame`, whose first `filled` bytes (at least its prelude) are in place. */
  #start(frame: Uint8Array, filled: number): void {
    this.#frame = frame;
    this.#frameFill = filled;
    // The prelude CRC field was verified to equal the CRC of bytes [0, 8): it seeds the running CRC.
    this.#crcAt = 8;
    this.#crcValue = i32(frame, 8);
  }

  /** A never-used region of exactly `total` bytes for a frame that straddles chunks. */
  #allocate(total: number): Uint8Array {
    return total > SLAB_MAX_FRAME ? new Uint8Array(total) : slabRegion(total);
  }

  /** Verify the prelude CRC and the lengths; return the frame's total length. Allocates nothing. */
  #checkPrelude(b: Uint8Array, pos: number): number {
    const total = u32(b, pos);
    const headersLength = u32(b, pos + 4);
    const expected = i32(b, pos + 8);
    const actual = crc32RangeI32(b, pos, pos + 8, 0);
    if (actual !== expected) {
      throw new EventStreamDecodeError(
        "prelude-crc",
        `Prelude checksum mismatch: expected 0x${(expected >>> 0).toString(16)}, computed 0x${(actual >>> 0).toString(16)}. The stream is corrupt; retry the request.`,
      );
    }
    if (total < FRAME_OVERHEAD) {
      throw new EventStreamDecodeError("length-too-small", `Event-stream frame length ${total} is below the 16-byte minimum.`);
    }
    if (total > this.#max) {
      throw new EventStreamDecodeError(
        "length-too-large",
        `Event-stream frame length ${total} exceeds the maximum of ${this.#max} bytes; nothing was allocated. Raise maxMessageLength if this is expected.`,
      );
    }
    if (headersLength > total - FRAME_OVERHEAD) {
      throw new EventStreamDecodeError(
        "headers-length",
        `Event-stream headers length ${headersLength} does not fit in a ${total}-byte frame.`,
      );
    }
    return total;
  }

  /** Verify the message CRC of the frame at `[pos, pos + total)` and hand it to `onMessage`. */
  #emit(b: Uint8Array, pos: number, total: number): void {
    // The prelude CRC field was verified to equal the CRC of bytes [0, 8): it seeds the running CRC.
    this.#deliver(b, pos, total, this.#checksum(b, pos + 8, pos + total - 4, i32(b, pos + 8)));
  }

  /** CRC of `b[from, to)` continuing from `seed`, as int32 (see `i32`): in place for small spans, else the injected crc32. */
  #checksum(b: Uint8Array, from: number, to: number, seed: number): number {
    return to - from <= SMALL_CRC_SPAN ? crc32RangeI32(b, from, to, seed) : this.#crc32(b.subarray(from, to), seed >>> 0) | 0;
  }

  /** Compare the frame's message CRC with `actual`, then decode its headers and hand it on. */
  #deliver(b: Uint8Array, pos: number, total: number, actual: number): void {
    const end = pos + total;
    const expected = i32(b, end - 4);
    if (actual !== expected) {
      throw new EventStreamDecodeError(
        "message-crc",
        `Message checksum mismatch: expected 0x${(expected >>> 0).toString(16)}, computed 0x${(actual >>> 0).toString(16)}. The stream is corrupt; retry the request.`,
      );
    }
    const headersEnd = pos + PRELUDE_LENGTH + u32(b, pos + 4);
    this.#delivered = true;
    const headers = this.#headers.decode(b, pos + PRELUDE_LENGTH, headersEnd);
    if (this.#frames !== undefined) this.#frames.onFrame(b, headers, headersEnd, end - 4);
    else if (this.#onFrame !== undefined) this.#onFrame(b, headers, headersEnd, end - 4);
    else this.#onMessage!({ headers, payload: b.subarray(headersEnd, end - 4) });
  }
}
