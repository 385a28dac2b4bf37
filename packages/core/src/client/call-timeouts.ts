import { AbortError, TimeoutError, type AbortWatch, type HttpRequest, type TimeoutKind } from "@streambed/transport";
import { StreamAbandonedError } from "../errors/index.js";

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
  /**
   * Whole call, all attempts included, from `stream()`'s first pull (or `complete()`) on: config,
   * model resolution, credentials (a `role_arn` profile's STS request, a `credential_process`),
   * signing, retry waits and the reply. Default: none.
   */
  totalMs?: number;
  /**
   * Longest time a stream may wait for its caller to ask for the next event. Default 300 000 ms
   * (5 minutes). A caller that keeps the iterator but stops pulling, without `return()` or `break`,
   * would otherwise hold the connection and the timers forever: after this long without a pull the
   * call is closed (the connection released, the timers cleared) and the next pull throws a
   * `StreamAbandonedError`. Checked lazily: the call is closed between `pullMs` and 1.1 × `pullMs`
   * after the last pull. A pull still waiting for the server does not count (that is `idleMs`).
   *
   * Why 5 minutes: long enough for work a caller does between two events of a live stream (a tool
   * run, a slow client), short enough to free a connection that nobody reads before the network
   * drops it anyway (AWS NAT gateways drop idle connections after 350 s).
   */
  pullMs?: number;
}

/** The default of {@link TimeoutOptions.pullMs}: 5 minutes. */
export const DEFAULT_PULL_MS = 300_000;

/**
 * One attempt's abort controller, linked to the caller's signal and to the timeouts. When a
 * timeout fires the attempt is aborted (the transport frees the connection) and {@link reason}
 * tells which limit it was, so the resulting transport error can be reported as a TimeoutError.
 *
 * It is also the attempt's {@link AbortWatch} ({@link request}): streambed's own transports listen
 * to it directly, so an attempt makes its `AbortSignal` only when something reads {@link signal}.
 */
export class CallTimeouts implements AbortWatch {
  /** Keeps the map of this class's instances alive between calls (see `TextDeltaReader`'s `#shape` in ../stream). */
  static readonly #shape = new CallTimeouts({ firstByteMs: 0, idleMs: 0 });
  /** Made when the signal is first asked for: an AbortController is ≈ 4 µs of CPU in Node 20. */
  #controller: AbortController | undefined;
  #reason: TimeoutError | AbortError | StreamAbandonedError | undefined;
  /**
   * Whether anything can ever abort this call: a caller's signal, a total or first-byte limit, an
   * idle or pull limit. A call with none (no signal, no limits) skips {@link race}'s wrapping.
   */
  readonly #abortable: boolean;
  /** `abort` listeners added through {@link addEventListener} (a transport's), called once on abort. */
  #listeners: (() => void)[] | undefined;
  /** Rejecters of the {@link race}s still pending, called once on abort. */
  #racers: Set<(reason: unknown) => void> | undefined;
  #firstByte: ReturnType<typeof setTimeout> | undefined;
  /** When the first-byte timer is due (`Date.now()` time). */
  #firstByteAt = 0;
  /** The response headers arrived: a first-byte timer still running serves as the idle timer. */
  #headers = false;
  #idle: ReturnType<typeof setTimeout> | undefined;
  /** When the current wait for a chunk began (or the last chunk arrived). */
  #lastActivity = -0; // a double from the start: it holds Date.now(), so the map (kept by #shape) never changes
  /** Whether the body is being read: the consumer asked for more and no chunk has come yet. */
  #waiting = false;
  #disposed = false;
  readonly #idleMs: number;
  readonly #onCallerAbort: (() => void) | undefined;
  readonly #callerSignal: AbortSignal | undefined;

  #total: ReturnType<typeof setTimeout> | undefined;
  readonly #pullMs: number;
  #pullTimer: ReturnType<typeof setTimeout> | undefined;
  /** The caller pulled since the pull timer last looked. */
  #pulled = false;
  /** When the pull timer last saw a pull (or the first event went out). */
  #lastPull = -0; // a double from the start: it holds Date.now(), so the map (kept by #shape) never changes

  /**
   * @param options.totalRemainingMs what is left of the call's total budget (all attempts), if any
   * @param options.totalMs the call's whole total budget, for the error message
   * @param options.pullMs longest time without a pull once events go out ({@link handedOver}); 0 or absent: no limit
   */
  constructor(options: { firstByteMs: number; idleMs: number; callerSignal?: AbortSignal; totalRemainingMs?: number; totalMs?: number; pullMs?: number }) {
    this.#idleMs = options.idleMs;
    this.#pullMs = options.pullMs ?? 0;
    this.#callerSignal = options.callerSignal;
    this.#abortable =
      options.callerSignal !== undefined || options.totalRemainingMs !== undefined || options.firstByteMs > 0 || options.idleMs > 0 || this.#pullMs > 0;
    const callerSignal = options.callerSignal;
    this.#onCallerAbort = callerSignal === undefined ? undefined : () => this.#abort(new AbortError());
    if (callerSignal?.aborted) this.#abort(new AbortError());
    else callerSignal?.addEventListener("abort", this.#onCallerAbort!, { once: true });
    if (options.totalRemainingMs !== undefined && !this.#reason) {
      const totalMs = options.totalMs ?? options.totalRemainingMs;
      this.#total = setTimeout(() => this.#abort(new TimeoutError("total", totalMs)), Math.max(0, options.totalRemainingMs));
    }
    if (options.firstByteMs > 0 && !this.#reason) {
      this.#firstByteAt = Date.now() + options.firstByteMs;
      this.#firstByte = setTimeout(() => {
        if (this.#headers) this.#idleDue(); // it became the idle timer (see headersReceived)
        else this.#abort(new TimeoutError("first-byte", options.firstByteMs));
      }, options.firstByteMs);
    }
  }

  /** The attempt's abort controller (made on first use; already aborted if the call was). */
  get controller(): AbortController {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason);
    }
    return this.#controller;
  }

  /** The signal to hand to the transport. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the attempt was aborted ({@link reason} tells why): the {@link AbortWatch} view. */
  get aborted(): boolean {
    return this.#reason !== undefined;
  }

  /** Adds an `abort` listener (other event types are ignored), called once, synchronously, on abort. */
  addEventListener(type: "abort", listener: () => void): void {
    if (type === "abort" && this.#reason === undefined) (this.#listeners ??= []).push(listener);
  }

  /** Removes an `abort` listener added with {@link addEventListener}. */
  removeEventListener(type: "abort", listener: () => void): void {
    const listeners = this.#listeners;
    const at = type === "abort" && listeners !== undefined ? listeners.indexOf(listener) : -1;
    if (at >= 0) listeners!.splice(at, 1);
  }

  /**
   * `request` as this attempt sends it: with `abort` (this object) for the transports that watch it,
   * and a `signal` that is made only when read (an own, enumerable property, so a spread copy of the
   * request carries it too), for any transport that takes the signal.
   */
  request(request: HttpRequest): HttpRequest {
    const timeouts = this;
    // Written out, not `{ ...request, get signal() }`: a spread followed by an accessor takes V8's
    // slow path (≈ 2.5 µs against 0.7 in a warm loop).
    return {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      abort: this,
      get signal(): AbortSignal {
        return timeouts.signal;
      },
    };
  }

  /** Whether anything can abort this call (see {@link race}); a call that cannot needs no signal. */
  get abortable(): boolean {
    return this.#abortable;
  }

  /** Why the attempt was aborted: a TimeoutError, the caller's AbortError or a StreamAbandonedError; undefined if not aborted. */
  get reason(): TimeoutError | AbortError | StreamAbandonedError | undefined {
    return this.#reason;
  }

  /**
   * `promise`'s outcome — or, once this call is aborted, its reason: at once if it was aborted
   * before, else one turn of the event loop after the abort, so that work which honours the signal
   * (a credential chain naming the source it gave up on) reports its own error first. The promise
   * itself is left to settle on its own.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    if (!this.#abortable) return promise; // nothing can abort this call: its outcome is the promise's
    if (this.#reason) {
      promise.catch(() => undefined);
      return Promise.reject(this.#reason);
    }
    // The racers are kept in a set that #abort walks, not as listeners on the signal: an
    // EventTarget add/removeEventListener pair per await was ≈ a tenth of a call's own CPU.
    return new Promise<T>((resolve, reject) => {
      const onAbort = (reason: unknown) => afterPendingIo(() => reject(reason));
      (this.#racers ??= new Set()).add(onAbort);
      promise.then(
        (value) => {
          this.#racers?.delete(onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.#racers?.delete(onAbort);
          reject(error);
        },
      );
    });
  }

  /**
   * The first event went to the caller: from now on, `pullMs` without a pull (and without a pull
   * waiting for the server) closes the call with a StreamAbandonedError.
   */
  handedOver(): void {
    if (this.#pullMs <= 0 || this.#disposed || this.#pullTimer !== undefined) return;
    this.#lastPull = Date.now();
    this.#armPull();
  }

  /** The caller asked for the next event. Costs a field write: the pull timer reads it lazily. */
  pulled(): void {
    this.#pulled = true;
  }

  #armPull(): void {
    // Looking every twentieth of the limit bounds the close to 1.1 × pullMs after the last pull.
    this.#pullTimer = setTimeout(() => {
      const now = Date.now();
      if (this.#pulled || this.#waiting) {
        this.#pulled = false;
        this.#lastPull = now;
      } else if (now - this.#lastPull >= this.#pullMs) {
        this.#pullTimer = undefined;
        return this.#abort(new StreamAbandonedError(this.#pullMs));
      }
      this.#armPull();
    }, Math.max(1, Math.ceil(this.#pullMs / 20)));
  }

  /**
   * Response headers arrived: stop the first-byte timer, start watching the waits for chunks. A
   * first-byte timer due no later than the idle limit from now (the defaults: 60 s each) is kept
   * as the idle timer — when due it checks the idle clock and re-arms itself for what is left, as
   * the idle timer does — instead of clearing one timer and setting another on the way to the
   * first event.
   */
  headersReceived(): void {
    const timer = this.#firstByte;
    this.#firstByte = undefined;
    this.#headers = true;
    if (this.#idleMs > 0) {
      const now = Date.now();
      this.#lastActivity = now;
      this.#waiting = true; // the body is read right away
      if (timer !== undefined && this.#firstByteAt <= now + this.#idleMs) {
        this.#idle = timer;
        return;
      }
      this.#armIdle(this.#idleMs);
    }
    clearTimeout(timer);
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
    this.#idle = setTimeout(() => this.#idleDue(), ms);
  }

  /** The idle timer is due: abort if the body has been waited on for `idleMs`, else look again later. */
  #idleDue(): void {
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
  }

  #abort(reason: TimeoutError | AbortError | StreamAbandonedError): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.dispose();
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
    const racers = this.#racers;
    this.#racers = undefined;
    if (racers) for (const reject of racers) reject(reason);
  }

  /** Clear every timer and listener. Safe to call more than once. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#firstByte);
    clearTimeout(this.#idle);
    clearTimeout(this.#total);
    clearTimeout(this.#pullTimer);
    this.#firstByte = undefined;
    this.#pullTimer = undefined;
    this.#total = undefined;
    this.#idle = undefined;
    if (this.#onCallerAbort !== undefined) this.#callerSignal!.removeEventListener("abort", this.#onCallerAbort);
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
