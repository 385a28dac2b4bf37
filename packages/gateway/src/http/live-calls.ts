/** Why the gateway stopped a call itself (shutdown after the drain deadline). */
export const SHUTDOWN_REASON = "gateway-shutdown";

/**
 * The calls to Bedrock in flight, each with its AbortController: a client that leaves aborts its
 * own; a shutdown past its drain deadline aborts them all. `idle()` resolves when none is left.
 */
export class LiveCalls {
  /** Each call's controller, and how to remove its listener from the client's signal. */
  private readonly calls = new Map<AbortController, (() => void) | undefined>();
  private waiters: Array<() => void> = [];
  /** Set by `drain()`: new requests are refused (503) and `/healthz` says so. */
  draining = false;

  get size(): number {
    return this.calls.size;
  }

  /** A controller for one call, aborted when `signal` (the client's request) aborts. */
  open(signal: AbortSignal | undefined): AbortController {
    const controller = new AbortController();
    let detach: (() => void) | undefined;
    if (signal) {
      if (signal.aborted) controller.abort(signal.reason);
      else {
        const onAbort = () => controller.abort(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        detach = () => signal.removeEventListener("abort", onAbort);
      }
    }
    this.calls.set(controller, detach);
    return controller;
  }

  /** The call is over: its listener on the client's signal is removed, its controller aborted ("done"). */
  close(controller: AbortController): void {
    if (!this.calls.has(controller)) return;
    this.calls.get(controller)?.();
    this.calls.delete(controller);
    if (!controller.signal.aborted) controller.abort("done");
    if (this.calls.size === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves when no call is in flight. */
  idle(): Promise<void> {
    if (this.calls.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Aborts every call in flight (their streams end with an error chunk). */
  abortAll(): void {
    for (const c of this.calls.keys()) c.abort(SHUTDOWN_REASON);
  }
}
