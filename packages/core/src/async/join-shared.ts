/** Work several callers wait for, started once and aborted when the last of them gives up. */
export interface SharedWork<T> {
  promise: Promise<T>;
  /** Aborted (with the last leaver's signal reason) when nobody waits any more. */
  controller: AbortController;
  /** How many callers wait for it now. */
  waiters: number;
}

/**
 * Wait for `work` as one more caller. When `signal` aborts, this caller leaves at once: its promise
 * rejects with `left()`, and if nobody else waits, `lastLeft()` runs (forget the work, so the next
 * caller starts anew) and the work is aborted with the signal's reason. A caller without a signal
 * waits to the end.
 */
export function joinShared<T>(
  work: SharedWork<T>,
  signal: AbortSignal | undefined,
  on: { left: () => unknown; lastLeft: () => void },
): Promise<T> {
  work.waiters++;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const leave = (): boolean => {
      if (done) return false;
      done = true;
      work.waiters--;
      signal?.removeEventListener("abort", onAbort);
      return true;
    };
    const onAbort = (): void => {
      if (!leave()) return;
      const error = on.left();
      if (work.waiters === 0) {
        on.lastLeft();
        work.controller.abort(signal?.reason);
      }
      reject(error);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    work.promise.then(
      (value) => leave() && resolve(value),
      (error: unknown) => leave() && reject(error),
    );
  });
}
