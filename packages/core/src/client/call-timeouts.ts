import { AbortError, TimeoutError, type TimeoutKind } from "@streambed/transport";

/** Time limits of one call. 0 or undefined disables one. */
export interface TimeoutOptions {
  /** From sending the request to the response headers. Default 60 000 ms. */
  firstByteMs?: number;
  /**
   * Longest time a streaming response may keep the client waiting for its next chunk. Default
   * 60 000 ms. Only time spent waiting counts: while your code holds an event (say, running a tool
   * before asking for the next one), the network is not being read and the clock is stopped.
   */
  idleMs?: number;
  /** Whole call, all attempts included. Default: none. */
  totalMs?: number;
}

/**
 * One attempt's abort controller, linked to the caller's signal and to the timeouts. When a
 * timeout fires the attempt is aborted (the transport frees the connection) and {@link reason}
 * tells which limit it was, so the resulting transport error can be reported as a TimeoutError.
 */
export class CallTimeouts {
  readonly controller = new AbortController();
  #reason: TimeoutError | AbortError | undefined;
  #firstByte: ReturnType<typeof setTimeout> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  /** When the current wait for a chunk began (or the last chunk arrived). */
  #lastActivity = 0;
  /** Whether the body is being read: the consumer asked for more and no chunk has come yet. */
  #waiting = false;
  #disposed = false;
  readonly #idleMs: number;
  readonly #onCallerAbort: () => void;
  readonly #callerSignal: AbortSignal | undefined;

  #total: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param options.totalRemainingMs what is left of the call's total budget (all attempts), if any
   * @param options.totalMs the call's whole total budget, for the error message
   */
  constructor(options: { firstByteMs: number; idleMs: number; callerSignal?: AbortSignal; totalRemainingMs?: number; totalMs?: number }) {
    this.#idleMs = options.idleMs;
    this.#callerSignal = options.callerSignal;
    this.#onCallerAbort = () => this.#abort(new AbortError());
    if (options.callerSignal?.aborted) this.#abort(new AbortError());
    else options.callerSignal?.addEventListener("abort", this.#onCallerAbort, { once: true });
    if (options.totalRemainingMs !== undefined && !this.#reason) {
      const totalMs = options.totalMs ?? options.totalRemainingMs;
      this.#total = setTimeout(() => this.#abort(new TimeoutError("total", totalMs)), Math.max(0, options.totalRemainingMs));
    }
    if (options.firstByteMs > 0 && !this.#reason) {
      this.#firstByte = setTimeout(() => this.#abort(new TimeoutError("first-byte", options.firstByteMs)), options.firstByteMs);
    }
  }

  /** The signal to hand to the transport. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the attempt was aborted: a TimeoutError or the caller's AbortError; undefined if not aborted. */
  get reason(): TimeoutError | AbortError | undefined {
    return this.#reason;
  }

  /** Response headers arrived: stop the first-byte timer, start watching the waits for chunks. */
  headersReceived(): void {
    clearTimeout(this.#firstByte);
    this.#firstByte = undefined;
    if (this.#idleMs > 0) {
      this.#lastActivity = Date.now();
      this.#waiting = true; // the body is read right away
      this.#armIdle(this.#idleMs);
    }
  }

  /** The consumer asked for more and the body is being read: the idle clock runs from now. */
  waiting(): void {
    if (this.#waiting) return;
    this.#waiting = true;
    this.#lastActivity = Date.now();
  }

  /** A chunk arrived. Costs one clock read: the idle timer re-arms itself lazily. */
  activity(): void {
    this.#waiting = false;
    this.#lastActivity = Date.now();
  }

  #armIdle(ms: number): void {
    this.#idle = setTimeout(() => {
      // Not waiting: the consumer holds an event, the network is not being read; check again later.
      if (!this.#waiting) return this.#armIdle(this.#idleMs);
      const quiet = Date.now() - this.#lastActivity;
      if (quiet < this.#idleMs) return this.#armIdle(this.#idleMs - quiet);
      // Due. On a starved event loop timers run before pending I/O is read, so a chunk may already
      // be waiting: give the loop one turn to deliver it before giving up.
      this.#idle = undefined;
      afterPendingIo(() => {
        if (this.#disposed) return;
        if (this.#waiting && Date.now() - this.#lastActivity >= this.#idleMs) this.#abort(new TimeoutError("idle", this.#idleMs));
        else this.#armIdle(this.#idleMs);
      });
    }, ms);
  }

  #abort(reason: TimeoutError | AbortError): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.dispose();
    this.controller.abort(reason);
  }

  /** Clear every timer and listener. Safe to call more than once. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#firstByte);
    clearTimeout(this.#idle);
    clearTimeout(this.#total);
    this.#firstByte = undefined;
    this.#total = undefined;
    this.#idle = undefined;
    this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
  }
}

/**
 * Runs `fn` after the event loop has polled for I/O once more: `setImmediate` where there is one
 * (Node: its check phase comes right after the poll phase), else a 0 ms timer.
 */
function afterPendingIo(fn: () => void): void {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (typeof immediate === "function") immediate(fn);
  else setTimeout(fn, 0);
}

/** Map a failure of an aborted attempt to the reason it was aborted for. */
export function abortReasonOr(timeouts: CallTimeouts, error: unknown): unknown {
  return timeouts.reason ?? error;
}

export type { TimeoutKind };
