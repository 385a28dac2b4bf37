import { EventStreamDecoder, type EventStreamDecoderOptions } from "./event-stream-decoder.js";
import type { EventStreamMessage } from "./types.js";

type Result = IteratorResult<EventStreamMessage, void>;

const DONE: Result = Object.freeze({ value: undefined, done: true }) as Result;

/**
 * Decode a response body into event-stream messages as the bytes arrive.
 *
 * Frames are yielded in order; a corrupt frame throws {@link EventStreamDecodeError} after every
 * good frame before it was yielded (nothing is lost), and a stream that ends inside a frame throws
 * a `truncated` one. Breaking out of the loop (or a decode error) returns the source iterator,
 * which releases the connection.
 *
 * Behaves like an `async function*` that runs a push decoder over the source, but is written out
 * by hand: a frame that is already decoded is handed over in one resolved promise, without the
 * suspend/resume of a generator (about a fifth of the cost of decoding a small frame).
 */
export function decodeEventStream(
  source: AsyncIterable<Uint8Array>,
  options: EventStreamDecoderOptions = {},
): AsyncGenerator<EventStreamMessage, void, undefined> {
  return new DecodeEventStream(source, options);
}

class DecodeEventStream implements AsyncGenerator<EventStreamMessage, void, undefined> {
  readonly #source: AsyncIterable<Uint8Array>;
  readonly #options: EventStreamDecoderOptions;
  #iterator: AsyncIterator<Uint8Array> | null = null;
  #decoder: EventStreamDecoder | null = null;
  /** Messages decoded from the current chunk; `#head` is the next one to hand out. */
  #queue: EventStreamMessage[] = [];
  #head = 0;
  /** A decode error to throw once the messages before it are handed out. */
  #failure: unknown = undefined;
  #finished = false;
  /** Calls not yet settled, and the promise the next call must wait for (calls run one at a time). */
  #busy = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(source: AsyncIterable<Uint8Array>, options: EventStreamDecoderOptions) {
    this.#source = source;
    this.#options = options;
    const asyncDispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
    if (asyncDispose) (this as unknown as Record<symbol, () => Promise<unknown>>)[asyncDispose] = () => this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<Result> {
    if (this.#busy === 0) {
      if (this.#head < this.#queue.length) return Promise.resolve({ value: this.#queue[this.#head++]!, done: false });
      return this.#track(this.#pull());
    }
    return this.#track(this.#tail.then(() => this.#pull()));
  }

  return(): Promise<Result> {
    const finish = async (): Promise<Result> => {
      await this.#close();
      return DONE;
    };
    return this.#track(this.#busy === 0 ? finish() : this.#tail.then(finish));
  }

  throw(error: unknown): Promise<Result> {
    const fail = async (): Promise<Result> => {
      await this.#close();
      throw error;
    };
    return this.#track(this.#busy === 0 ? fail() : this.#tail.then(fail));
  }

  /**
   * Count `run` as in flight until it settles; later calls chain after it, one at a time, as a
   * generator's would. The bookkeeping reaction is registered before the caller's, so the count
   * is already down when the caller resumes.
   */
  #track(run: Promise<Result>): Promise<Result> {
    this.#busy++;
    this.#tail = run.then(this.#release, this.#release);
    return run;
  }

  readonly #release = (): void => {
    this.#busy--;
  };

  async #pull(): Promise<Result> {
    for (;;) {
      if (this.#head < this.#queue.length) return { value: this.#queue[this.#head++]!, done: false };
      if (this.#finished) return DONE;
      if (this.#failure !== undefined) {
        const failure = this.#failure;
        this.#failure = undefined;
        await this.#close();
        throw failure;
      }
      let decoder = this.#decoder;
      if (decoder === null) {
        decoder = this.#decoder = new EventStreamDecoder({ ...this.#options, onMessage: (m) => this.#queue.push(m), onFrame: undefined });
        this.#iterator = this.#source[Symbol.asyncIterator]();
      }
      let step: IteratorResult<Uint8Array>;
      try {
        step = await this.#iterator!.next();
      } catch (error) {
        this.#finished = true; // the source failed: it is not returned, its error passes through
        throw error;
      }
      if (step.done) {
        this.#finished = true;
        decoder.end(); // throws `truncated` if the body stopped inside a frame
        return DONE;
      }
      this.#queue.length = 0;
      this.#head = 0;
      try {
        decoder.feed(step.value);
      } catch (error) {
        this.#failure = error;
      }
    }
  }

  /** Finish: drop what is queued and return the source (errors of its `return` are ignored). */
  async #close(): Promise<void> {
    this.#queue.length = 0;
    this.#head = 0;
    if (this.#finished) return;
    this.#finished = true;
    const iterator = this.#iterator;
    if (iterator?.return) {
      try {
        await iterator.return();
      } catch {
        // Closing is best effort; the caller already has its answer (or its error).
      }
    }
  }
}
