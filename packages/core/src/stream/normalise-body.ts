import { AbortError, EventStreamDecoder, type Crc32 } from "@streambed/transport";
import type { Model, StreamEvent } from "../types/index.js";
import { DecodedFrames } from "./decoded-frames.js";
import { StreamNormaliser, type StreamContext } from "./normalise-stream.js";

/**
 * The client's timers, told how the body and the caller progress: {@link NormaliseBodyOptions}'
 * `onChunk`, `onWait` and `onPull` as methods of one object (the client's `CallTimeouts`). Called
 * on the object, so the code run on every event calls the same function for every stream, not a
 * per-stream closure (which V8's optimised code embeds, and drops once the stream is collected).
 */
export interface BodyTimer {
  /** A body chunk arrived, before it is decoded (like `onChunk`). */
  activity(): void;
  /** The body is read for another chunk because the caller asked for more (like `onWait`). */
  waiting(): void;
  /** The caller pulled (`next()`), like `onPull`. */
  pulled(): void;
  /**
   * Why the call was aborted, once it is (undefined until then): read like `signal.aborted` before
   * each pull after an event, with no `abort` listener to add per stream.
   */
  readonly reason?: unknown;
}

/** Options of {@link normaliseBody}. */
export interface NormaliseBodyOptions {
  /** CRC-32 for the decoder (Node injects `zlib.crc32`). */
  crc32?: Crc32;
  /** Called once per body chunk, before it is decoded (the client's idle timer). */
  onChunk?: () => void;
  /** Called each time the body is read for another chunk because the caller asked for more (the idle timer's clock). */
  onWait?: () => void;
  /** Called at every pull (`next()`): the client's clock for callers that stop pulling (`timeouts.pullMs`). */
  onPull?: () => void;
  /** The same three, as methods of one object (see {@link BodyTimer}); told before the callbacks. */
  timer?: BodyTimer;
  /**
   * Checked each time the caller resumes after an event: once aborted, the next pull throws an
   * `AbortError` (and the body is returned), even if the transport ignores the signal. Watched
   * through an `abort` listener (removed when the iterator finishes), not by reading
   * `signal.aborted` on every event: Node gives every signal its own hidden class, so that read is
   * a megamorphic getter call per event.
   */
  signal?: AbortSignal;
  /** Maps every error thrown to the caller (the client turns a failure of an aborted call into its reason). */
  mapError?: (error: unknown) => unknown;
  /** Called once when the iterator is finished: body ended, failed, or returned early. */
  onEnd?: () => void;
}

/**
 * Empty `array`, keeping its backing store: `array.length = 0` frees it (V8), so the next push
 * allocates a new one, once per frame here; `pop()` does not.
 */
function empty(array: unknown[]): void {
  while (array.length > 0) array.pop();
}

/**
 * Most frames decoded in one go: more than a 64 KiB chunk of text deltas holds. Tried and not
 * kept: at most 16–64 per call, so that the frame queue keeps its room instead of being regrown
 * every chunk (≈ 100 bytes allocated per event): over an in-memory body no change in CPU, over
 * the replay socket ≈ 0.2 µs more per event (6 interleaved rounds: 1.30 vs 1.09 µs).
 */
const MAX_BATCH = 1 << 12;

const DONE: IteratorReturnResult<void> = Object.freeze({ done: true, value: undefined }) as IteratorReturnResult<void>;

/**
 * A ConverseStream response body (raw bytes) → streambed's normalised events, in one layer:
 * `normaliseStream(decodeEventStream(body))` with the decoder and the normaliser driven
 * synchronously from the caller's pulls.
 *
 * Same events, same errors, same order as that composition: the frames a chunk completes are
 * normalised one at a time as the caller pulls; a corrupt frame throws after every event of the
 * good frames before it; breaking out of the loop (or any error) returns the body, releasing the
 * connection. Written as an iterator object rather than an async generator: an event that is
 * already decoded is handed out as a resolved promise, with no generator step around it (the
 * per-event cost of a long stream).
 */
export function normaliseBody(
  body: AsyncIterable<Uint8Array>,
  context: StreamContext,
  options: NormaliseBodyOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  return new NormalisedBody(body, context, options);
}

class NormalisedBody implements AsyncGenerator<StreamEvent, void, undefined> {
  /** Keeps the map of this class's instances alive between streams (see `TextDeltaReader`'s `#shape`). */
  static readonly #shape = new NormalisedBody(
    { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(DONE) }) },
    { model: { id: "" } as Model },
    {},
  );
  readonly #body: AsyncIterable<Uint8Array>;
  #source: AsyncIterator<Uint8Array> | undefined;
  /**
   * Dropped when the iterator finishes: what a caller still holds (its first `next()`'s promise,
   * made before the request went out and so in old space by then) keeps this iterator reachable
   * until the next full GC, and the normaliser's blocks and pieces with it.
   */
  #normaliser: StreamNormaliser | undefined;
  readonly #decoder: EventStreamDecoder;
  readonly #onChunk: (() => void) | undefined;
  readonly #onWait: (() => void) | undefined;
  readonly #onPull: (() => void) | undefined;
  readonly #timer: BodyTimer | undefined;
  readonly #signal: AbortSignal | undefined;
  /** The signal's `abort` listener, while it is added. */
  #onAbort: (() => void) | undefined = undefined;
  /** The signal aborted (seen by its listener, or aborted already when the iterator was made). */
  #aborted = false;
  readonly #mapError: ((error: unknown) => unknown) | undefined;
  readonly #onEnd: (() => void) | undefined;
  /** Frames the decoder handed on, not normalised yet. */
  readonly #frames = new DecodedFrames();
  /** Events of the last normalised frame (or the closing events), and the next one to hand out. */
  readonly #events: StreamEvent[] = [];
  #event = 0;
  /**
   * Frames to decode when the queue runs dry: 1 at first, doubling up to {@link MAX_BATCH}. The
   * first event goes out once the first frame is checked, not the whole first chunk (hundreds of
   * frames: 25–70 µs); later chunks are decoded whole, in one tight loop (cheaper per event).
   */
  #batch = 1;
  /** An event from the frames was handed out: the next pull checks the caller's signal first. */
  #checkSignal = false;
  /** The body is used up (then it is not returned) and the closing events are in `#events`. */
  #bodyDone = false;
  /** Nothing more to hand out. */
  #finished = false;
  /** A pull in progress: calls made meanwhile wait for it (the order generators guarantee). */
  #busy: Promise<unknown> | undefined;

  constructor(body: AsyncIterable<Uint8Array>, context: StreamContext, options: NormaliseBodyOptions) {
    this.#body = body;
    this.#normaliser = new StreamNormaliser(context);
    // Frames never leave this iterator and their headers are only read: share repeated headers,
    // and take each frame in place (no message object or payload view).
    const frames = this.#frames;
    this.#decoder = new EventStreamDecoder(options.crc32 ? { crc32: options.crc32, shareHeaders: true, frames } : { shareHeaders: true, frames });
    this.#onChunk = options.onChunk;
    this.#onWait = options.onWait;
    this.#onPull = options.onPull;
    this.#timer = options.timer;
    this.#signal = options.signal;
    if (this.#signal?.aborted) this.#aborted = true;
    else if (this.#signal !== undefined) {
      this.#onAbort = () => {
        this.#aborted = true;
      };
      this.#signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    this.#mapError = options.mapError;
    this.#onEnd = options.onEnd;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamEvent, void>> {
    this.#timer?.pulled();
    this.#onPull?.();
    if (this.#busy !== undefined) return this.#queue(() => this.next());
    if (this.#finished) return Promise.resolve(DONE);
    let event: StreamEvent | undefined;
    try {
      if (this.#checkSignal && (this.#aborted || this.#timer?.reason !== undefined)) throw new AbortError();
      event = this.#nextDecoded();
    } catch (error) {
      return this.#fail(error);
    }
    if (event !== undefined) return Promise.resolve({ done: false, value: event });
    if (this.#bodyDone) {
      this.#finish();
      return Promise.resolve(DONE);
    }
    const pull = this.#pull();
    this.#busy = pull;
    const idle = () => {
      if (this.#busy === pull) this.#busy = undefined;
    };
    pull.then(idle, idle);
    return pull;
  }

  return(): Promise<IteratorResult<StreamEvent, void>> {
    if (this.#busy !== undefined) return this.#queue(() => this.return());
    return this.#close().then(() => DONE);
  }

  throw(error: unknown): Promise<IteratorResult<StreamEvent, void>> {
    if (this.#busy !== undefined) return this.#queue(() => this.throw(error));
    return this.#fail(error);
  }

  #queue<T>(call: () => Promise<T>): Promise<T> {
    return this.#busy!.then(call, call);
  }

  /** The next event from the frames already decoded (or the closing events), else undefined. */
  #nextDecoded(): StreamEvent | undefined {
    const events = this.#events;
    if (this.#event < events.length) return events[this.#event++];
    empty(events);
    this.#event = 0;
    if (this.#bodyDone) return undefined;
    const frames = this.#frames;
    for (;;) {
      try {
        if (!frames.normaliseNext(this.#normaliser!, events)) {
          if (this.#decoder.decodeFrames(this.#batch) === 0) return undefined;
          if (this.#batch < MAX_BATCH) this.#batch *= 2;
          continue;
        }
      } catch (error) {
        empty(events); // the events of a frame that failed are not handed out
        throw error;
      }
      if (events.length > 0) {
        this.#checkSignal = true;
        return events[this.#event++];
      }
    }
  }

  /** Read chunks until one completes a frame that yields an event, or the body ends. */
  async #pull(): Promise<IteratorResult<StreamEvent, void>> {
    try {
      const source = (this.#source ??= this.#body[Symbol.asyncIterator]());
      for (;;) {
        this.#timer?.waiting();
        this.#onWait?.();
        const chunk = await source.next();
        if (chunk.done) {
          this.#bodyDone = true;
          this.#decoder.end();
          // The closing events (open blocks' ends, done) come after the signal checks end.
          this.#checkSignal = false;
          this.#normaliser!.finish(this.#events);
          const event = this.#nextDecoded();
          if (event !== undefined) return { done: false, value: event };
          this.#finish();
          return DONE;
        }
        this.#timer?.activity();
        this.#onChunk?.();
        this.#decoder.hold(chunk.value);
        const event = this.#nextDecoded();
        if (event !== undefined) return { done: false, value: event };
      }
    } catch (error) {
      return this.#fail(error);
    }
  }

  /** Finish with `error`: the body is returned first (as a for-await loop would), then it is thrown. */
  async #fail(error: unknown): Promise<never> {
    await this.#close();
    throw this.#mapError === undefined ? error : this.#mapError(error);
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#normaliser = undefined;
    this.#events.length = 0; // the last events went out; their backing store goes too
    if (this.#onAbort !== undefined) {
      this.#signal!.removeEventListener("abort", this.#onAbort);
      this.#onAbort = undefined;
    }
    this.#onEnd?.();
  }

  async #close(): Promise<void> {
    if (this.#finished) return;
    this.#finish();
    this.#frames.clear();
    if (!this.#bodyDone) await this.#source?.return?.();
  }
}
