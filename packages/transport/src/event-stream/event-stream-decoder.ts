import { EventStreamDecodeError } from "../errors/transport-errors.js";
import { crc32 as jsCrc32 } from "./crc32.js";
import { decodeHeaders } from "./decode-headers.js";
import { DEFAULT_MAX_MESSAGE_LENGTH, FRAME_OVERHEAD, PRELUDE_LENGTH } from "./limits.js";
import type { Crc32, EventStreamMessage } from "./types.js";

/** Options of {@link EventStreamDecoder} and {@link decodeEventStream}. */
export interface EventStreamDecoderOptions {
  /** CRC-32 implementation. Default: the table-driven JS one; Node passes `zlib.crc32`. */
  crc32?: Crc32;
  /** Largest frame accepted, checked on the prelude before anything is allocated. Default 24 MiB + 128 KiB + 16. */
  maxMessageLength?: number;
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
}

/**
 * Push-style decoder of `application/vnd.amazon.eventstream` frames, for callers that own the read
 * loop. Feed it chunks split anywhere; it calls `onMessage` once per complete, CRC-verified frame.
 *
 * Cost is O(bytes): a frame that lies whole inside a chunk is decoded in place (headers and
 * payload are views of the chunk, nothing is copied); only a frame that straddles chunks is
 * copied, once, into a buffer of exactly its size. Buffers are never reused or compacted in
 * place, so every payload view stays valid after later chunks.
 *
 * @example
 * const decoder = new EventStreamDecoder({ onMessage: (m) => console.log(m.headers[":event-type"]) });
 * for await (const chunk of body) decoder.feed(chunk);
 * decoder.end(); // throws if the stream stopped inside a frame
 */
export class EventStreamDecoder {
  readonly #crc32: Crc32;
  readonly #max: number;
  readonly #onMessage: (message: EventStreamMessage) => void;
  /** Prelude bytes of a frame whose first < 12 bytes arrived at the end of a chunk. */
  readonly #prelude = new Uint8Array(PRELUDE_LENGTH);
  #preludeFill = 0;
  /** A frame being assembled across chunks, allocated to its exact length. */
  #frame: Uint8Array | null = null;
  #frameFill = 0;
  #error: EventStreamDecodeError | null = null;

  constructor(options: EventStreamDecoderOptions & { onMessage: (message: EventStreamMessage) => void }) {
    this.#crc32 = options.crc32 ?? jsCrc32;
    this.#max = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    this.#onMessage = options.onMessage;
  }

  /** Bytes received that belong to a frame not complete yet. */
  get pendingBytes(): number {
    return this.#frame !== null ? this.#frameFill : this.#preludeFill;
  }

  /** Decode what `chunk` completes. Throws {@link EventStreamDecodeError} on a corrupt frame; the decoder then stays failed. */
  feed(chunk: Uint8Array): void {
    if (this.#error) throw this.#error;
    try {
      this.#feed(chunk);
    } catch (error) {
      if (error instanceof EventStreamDecodeError) this.#error = error;
      throw error;
    }
  }

  /** Declare the end of the stream. Throws a `truncated` {@link EventStreamDecodeError} if a frame was cut off. */
  end(): void {
    if (this.#error) throw this.#error;
    const pending = this.pendingBytes;
    if (pending > 0) {
      const expected = this.#frame?.length;
      this.#error = new EventStreamDecodeError(
        "truncated",
        `The event stream ended inside a frame: ${pending} byte(s) received${expected ? ` of a ${expected}-byte frame` : ", prelude incomplete"}. The connection was probably cut; retry the request.`,
      );
      throw this.#error;
    }
  }

  #feed(chunk: Uint8Array): void {
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      const frame = this.#frame;
      if (frame !== null) {
        const n = Math.min(frame.length - this.#frameFill, len - pos);
        frame.set(n === len && pos === 0 ? chunk : chunk.subarray(pos, pos + n), this.#frameFill);
        this.#frameFill += n;
        pos += n;
        if (this.#frameFill === frame.length) {
          this.#frame = null;
          this.#frameFill = 0;
          this.#emit(frame, 0, frame.length);
        }
        continue;
      }
      if (this.#preludeFill > 0) {
        const n = Math.min(PRELUDE_LENGTH - this.#preludeFill, len - pos);
        this.#prelude.set(chunk.subarray(pos, pos + n), this.#preludeFill);
        this.#preludeFill += n;
        pos += n;
        if (this.#preludeFill < PRELUDE_LENGTH) return;
        const total = this.#checkPrelude(this.#prelude, 0);
        const assembled = new Uint8Array(total);
        assembled.set(this.#prelude);
        this.#preludeFill = 0;
        this.#frame = assembled;
        this.#frameFill = PRELUDE_LENGTH;
        continue;
      }
      const available = len - pos;
      if (available < PRELUDE_LENGTH) {
        this.#prelude.set(chunk.subarray(pos), 0);
        this.#preludeFill = available;
        return;
      }
      const total = this.#checkPrelude(chunk, pos);
      if (available >= total) {
        this.#emit(chunk, pos, total);
        pos += total;
      } else {
        const assembled = new Uint8Array(total);
        assembled.set(chunk.subarray(pos), 0);
        this.#frame = assembled;
        this.#frameFill = available;
        return;
      }
    }
  }

  /** Verify the prelude CRC and the lengths; return the frame's total length. Allocates nothing. */
  #checkPrelude(b: Uint8Array, pos: number): number {
    const total = u32(b, pos);
    const headersLength = u32(b, pos + 4);
    const expected = u32(b, pos + 8);
    const actual = this.#crc32(b.subarray(pos, pos + 8));
    if (actual !== expected) {
      throw new EventStreamDecodeError(
        "prelude-crc",
        `Prelude checksum mismatch: expected 0x${expected.toString(16)}, computed 0x${actual.toString(16)}. The stream is corrupt; retry the request.`,
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
    const end = pos + total;
    const expected = u32(b, end - 4);
    // The prelude CRC field was verified to equal the CRC of bytes [0, 8), so it seeds the running CRC.
    const actual = this.#crc32(b.subarray(pos + 8, end - 4), u32(b, pos + 8));
    if (actual !== expected) {
      throw new EventStreamDecodeError(
        "message-crc",
        `Message checksum mismatch: expected 0x${expected.toString(16)}, computed 0x${actual.toString(16)}. The stream is corrupt; retry the request.`,
      );
    }
    const headersEnd = pos + PRELUDE_LENGTH + u32(b, pos + 4);
    this.#onMessage({
      headers: decodeHeaders(b, pos + PRELUDE_LENGTH, headersEnd),
      payload: b.subarray(headersEnd, end - 4),
    });
  }
}
