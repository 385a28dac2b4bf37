import type { EventStreamFrameSink, EventStreamHeaders } from "@streambed/transport";
import type { StreamEvent } from "../types/index.js";
import type { StreamNormaliser } from "./normalise-stream.js";

/** Frames a chunk may complete before the queue gives its room back once they are normalised. */
const KEEP_ROOM_FOR = 16;

/**
 * The frames a body chunk completed, waiting to be normalised one at a time as the caller pulls.
 * Held in place, as the decoder hands them out (the bytes, the shared headers, the
 * payload's offsets), in arrays reused from chunk to chunk: no object per frame.
 */
export class DecodedFrames implements EventStreamFrameSink {
  /** Keeps the map of this class's instances alive between streams (see `TextDeltaReader`'s `#shape`). */
  static readonly #shape = new DecodedFrames();
  readonly #bytes: (Uint8Array | undefined)[] = [];
  readonly #headers: (EventStreamHeaders | undefined)[] = [];
  /** Payload start and end of frame `k` at `2k` and `2k + 1`. */
  readonly #offsets: number[] = [];
  #count = 0;
  #next = 0;

  /** Queue one frame: the decoder's `frames` sink (a method, not a per-stream closure). */
  onFrame(bytes: Uint8Array, headers: EventStreamHeaders, start: number, end: number): void {
    const k = this.#count++;
    this.#bytes[k] = bytes;
    this.#headers[k] = headers;
    this.#offsets[2 * k] = start;
    this.#offsets[2 * k + 1] = end;
  }

  /**
   * Normalise the next queued frame into `out`. Returns false, and empties the queue, when there
   * was none. A frame is dropped from the queue before it is normalised, so one that throws is not
   * normalised again.
   */
  normaliseNext(normaliser: StreamNormaliser, out: StreamEvent[]): boolean {
    const k = this.#next;
    if (k >= this.#count) {
      this.clear();
      return false;
    }
    this.#next = k + 1;
    const bytes = this.#bytes[k]!;
    const headers = this.#headers[k]!;
    // Not kept past its turn: the chunk it points into may be the only thing holding that memory.
    this.#bytes[k] = undefined;
    this.#headers[k] = undefined;
    normaliser.pushFrame(headers, bytes, this.#offsets[2 * k]!, this.#offsets[2 * k + 1]!, out);
    return true;
  }

  /**
   * Drop every queued frame. The arrays keep their backing stores for the next chunk, unless that
   * chunk held many frames: a thousand idle streams should not each keep room for hundreds.
   */
  clear(): void {
    if (this.#count > KEEP_ROOM_FOR) {
      this.#bytes.length = 0;
      this.#headers.length = 0;
      this.#offsets.length = 0;
    } else {
      for (let k = this.#next; k < this.#count; k++) {
        this.#bytes[k] = undefined;
        this.#headers[k] = undefined;
      }
    }
    this.#count = 0;
    this.#next = 0;
  }
}
