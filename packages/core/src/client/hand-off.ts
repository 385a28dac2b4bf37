const DONE: IteratorReturnResult<void> = Object.freeze({ done: true, value: undefined }) as IteratorReturnResult<void>;

/**
 * A generator-shaped iterator over a call that `start`s on the first `next()`: the first item is
 * the one `start` resolves with (after its retries), every later call goes straight to `items`,
 * with no generator step in between. `items` owns everything after the first item: error
 * mapping, abort checks and clean-up (see `normaliseBody`'s `mapError` / `onEnd`).
 *
 * Like a generator: nothing runs before the first `next()`; `return()` / `throw()` before it end
 * the iterator without starting the call; calls made while the call is starting wait for it.
 */
export function handOff<T>(
  start: () => Promise<{ first: IteratorResult<T, void>; items: AsyncGenerator<T, void, undefined> }>,
): AsyncGenerator<T, void, undefined> {
  return new HandOff(start);
}

class HandOff<T> implements AsyncGenerator<T, void, undefined> {
  /** Keeps the map of this class's instances alive between streams (see `TextDeltaReader`'s `#shape` in ../stream). */
  static readonly #shape = new HandOff(() => Promise.reject(new Error("never started")));
  #start: (() => Promise<{ first: IteratorResult<T, void>; items: AsyncGenerator<T, void, undefined> }>) | undefined;
  #items: AsyncGenerator<T, void, undefined> | undefined;
  #starting: Promise<unknown> | undefined;

  constructor(start: () => Promise<{ first: IteratorResult<T, void>; items: AsyncGenerator<T, void, undefined> }>) {
    this.#start = start;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, void>> {
    if (this.#items !== undefined) return this.#items.next();
    return this.#first();
  }

  /**
   * `next()` before the items are there. Apart from `next()`, which runs on every event: optimised
   * code of `next()` would otherwise embed this stream's `start` closure, and be thrown away once
   * the stream is collected.
   */
  #first(): Promise<IteratorResult<T, void>> {
    if (this.#starting !== undefined) return this.#after(() => this.next());
    const start = this.#start;
    if (start === undefined) return Promise.resolve(DONE);
    this.#start = undefined;
    const starting = start().then(({ first, items }) => {
      this.#items = items;
      return first;
    });
    this.#starting = starting;
    const settled = () => {
      this.#starting = undefined;
    };
    starting.then(settled, settled);
    return starting;
  }

  return(): Promise<IteratorResult<T, void>> {
    if (this.#items !== undefined) return this.#items.return();
    if (this.#starting !== undefined) return this.#after(() => this.return());
    this.#start = undefined;
    return Promise.resolve(DONE);
  }

  throw(error: unknown): Promise<IteratorResult<T, void>> {
    if (this.#items !== undefined) return this.#items.throw(error);
    if (this.#starting !== undefined) return this.#after(() => this.throw(error));
    this.#start = undefined;
    return Promise.reject(error);
  }

  #after<R>(call: () => Promise<R>): Promise<R> {
    return this.#starting!.then(call, call);
  }
}
