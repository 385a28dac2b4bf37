import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, TimeoutError } from "@streambed/transport";
import { CallTimeouts } from "./call-timeouts.js";

describe("CallTimeouts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("aborts with a first-byte TimeoutError when headers do not arrive in time", () => {
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 0 });
    vi.advanceTimersByTime(999);
    expect(t.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(t.signal.aborted).toBe(true);
    expect(t.reason).toBeInstanceOf(TimeoutError);
    expect((t.reason as TimeoutError).kind).toBe("first-byte");
  });

  it("idle timer restarts with every chunk and fires after a quiet gap", () => {
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 500 });
    t.headersReceived();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(400);
      t.activity();
    }
    expect(t.signal.aborted).toBe(false);
    vi.advanceTimersByTime(500);
    expect(t.signal.aborted).toBe(true);
    expect((t.reason as TimeoutError).kind).toBe("idle");
    expect(t.reason!.retryable).toBe(true);
  });

  it("total budget fires across everything and is not retryable", () => {
    const t = new CallTimeouts({ firstByteMs: 0, idleMs: 0, totalRemainingMs: 300, totalMs: 1000 });
    t.headersReceived();
    vi.advanceTimersByTime(300);
    expect((t.reason as TimeoutError).kind).toBe("total");
    expect((t.reason as TimeoutError).timeoutMs).toBe(1000);
    expect(t.reason!.retryable).toBe(false);
  });

  it("links the caller's signal: abort gives an AbortError, already-aborted aborts at once", () => {
    const caller = new AbortController();
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 0, callerSignal: caller.signal });
    caller.abort();
    expect(t.reason).toBeInstanceOf(AbortError);
    const t2 = new CallTimeouts({ firstByteMs: 1000, idleMs: 0, callerSignal: caller.signal });
    expect(t2.signal.aborted).toBe(true);
  });

  it("dispose clears timers and the caller listener: nothing fires afterwards", () => {
    const caller = new AbortController();
    const t = new CallTimeouts({ firstByteMs: 100, idleMs: 100, callerSignal: caller.signal, totalRemainingMs: 100 });
    t.dispose();
    vi.advanceTimersByTime(10_000);
    caller.abort();
    expect(t.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
