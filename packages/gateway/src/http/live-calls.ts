/** Why the gateway stopped a call itself (shutdown after the drain deadline). */
export const SHUTDOWN_REASON = "gateway-shutdown";

/**
 * The calls to Bedrock in flight, each with its AbortController: a client that leaves aborts its
 * own; a shutdown past its drain deadline aborts them all. `idle()` resolves when none is left.
 */
export class LiveCalls {
  private readonly calls = new Set<AbortController>();
  private waiters: Array<() => void> = [];
  /** Set by `drain()`: new requests are refused (503) and `/healthz` says so. */
  draining = false;

  get size(): number {
    return this.calls.size;
  }

  /** A controller for one call, aborted when `signal` (the client's request) aborts. */
  open(signal: AbortSignal | undefined): AbortController {
    const controller = new AbortController();
    if (signal) {
      if (signal.aborted) controller.abort(signal.reason);
      else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true, signal: controller.signal });
    }
    this.calls.add(controller);
    return controller;
  }

  /** The call is over (its listener on the client's signal is removed with it). */
  close(controller: AbortController): void {
    if (!this.calls.delete(controller)) return;
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
    for (const c of this.calls) c.abort(SHUTDOWN_REASON);
  }
}
