import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, TimeoutError } from "@streambed/transport";
import { StreamAbandonedError } from "../errors/index.js";
import { CallTimeouts } from "./call-timeouts.js";

describe("CallTimeouts", () => {
  // setImmediate too: a due idle timer gives the loop one more turn (an Immediate) before aborting.
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "Date"] }));
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
      t.activity(); // a chunk arrived…
      t.waiting(); // …and the consumer asked for the next one
    }
    expect(t.signal.aborted).toBe(false);
    vi.advanceTimersByTime(500);
    vi.advanceTimersByTime(1); // the one extra loop turn (an Immediate) before the abort
    expect(t.signal.aborted).toBe(true);
    expect((t.reason as TimeoutError).kind).toBe("idle");
    expect(t.reason!.retryable).toBe(true);
  });

  it("a first-byte timer due before the idle limit serves as the idle timer: no first-byte abort after the headers, the idle abort on time", () => {
    const t = new CallTimeouts({ firstByteMs: 500, idleMs: 1000 });
    vi.advanceTimersByTime(100);
    t.headersReceived(); // the first-byte timer (due at 500) is kept as the idle timer
    vi.advanceTimersByTime(400); // it fires: not quiet long enough, it re-arms for what is left
    expect(t.signal.aborted).toBe(false);
    vi.advanceTimersByTime(599);
    expect(t.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1); // 1000 ms of waiting since the headers
    vi.advanceTimersByTime(1); // the one extra loop turn
    expect((t.reason as TimeoutError).kind).toBe("idle");
  });

  it("a kept first-byte timer follows the activity like the idle timer, and dispose clears it", () => {
    const t = new CallTimeouts({ firstByteMs: 300, idleMs: 300 });
    t.headersReceived();
    vi.advanceTimersByTime(250);
    t.activity();
    vi.advanceTimersByTime(250); // the kept timer fired at 300: not waiting, re-armed
    t.waiting();
    vi.advanceTimersByTime(299);
    expect(t.signal.aborted).toBe(false);
    t.dispose();
    vi.advanceTimersByTime(10_000);
    expect(t.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the idle clock runs only while the body is being read: a consumer holding an event for long is not a stall", () => {
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 500 });
    t.headersReceived();
    vi.advanceTimersByTime(400);
    t.activity(); // a chunk; the consumer now runs a tool for 10 s before asking for more
    vi.advanceTimersByTime(10_000);
    expect(t.signal.aborted).toBe(false);
    t.waiting(); // it asks for more: the server now has 500 ms
    vi.advanceTimersByTime(499);
    expect(t.signal.aborted).toBe(false);
    vi.advanceTimersByTime(2); // due at 500, then the one extra loop turn
    expect(t.signal.aborted).toBe(true);
    expect((t.reason as TimeoutError).kind).toBe("idle");
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

  it("pullMs: a caller that stops pulling is cut off within 1.1 × pullMs with a StreamAbandonedError, every timer cleared", () => {
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 500, pullMs: 1000, totalRemainingMs: 60_000 });
    t.headersReceived();
    t.activity(); // the first event's chunk arrived…
    t.handedOver(); // …and the event went to the caller, who never asks again
    vi.advanceTimersByTime(999);
    expect(t.signal.aborted).toBe(false);
    vi.advanceTimersByTime(101);
    expect(t.signal.aborted).toBe(true);
    expect(t.reason).toBeInstanceOf(StreamAbandonedError);
    expect(t.reason).toMatchObject({ pullMs: 1000, retryable: false, code: "StreamAbandoned" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("pullMs: pulls reset the clock, and a pull waiting for the server is not abandonment (that is idleMs)", () => {
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 0, pullMs: 1000 });
    t.headersReceived();
    t.activity();
    t.handedOver();
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(900);
      t.pulled(); // the caller asks for the next event, which was already decoded
    }
    expect(t.signal.aborted).toBe(false);
    t.pulled();
    t.waiting(); // this pull waits for the server for a long time
    vi.advanceTimersByTime(10_000);
    expect(t.signal.aborted).toBe(false);
    t.activity(); // the chunk came; the caller holds its event and stops pulling
    vi.advanceTimersByTime(1100);
    expect(t.reason).toBeInstanceOf(StreamAbandonedError);
  });

  it("pullMs 0 turns the limit off; no pull timer before the first event is handed over", () => {
    const off = new CallTimeouts({ firstByteMs: 0, idleMs: 0, pullMs: 0 });
    off.handedOver();
    expect(vi.getTimerCount()).toBe(0);
    const before = new CallTimeouts({ firstByteMs: 0, idleMs: 0, pullMs: 1000 });
    vi.advanceTimersByTime(10_000);
    expect(before.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("race(): the promise's own outcome, or the abort reason one loop turn after the abort", async () => {
    const caller = new AbortController();
    const t = new CallTimeouts({ firstByteMs: 0, idleMs: 0, callerSignal: caller.signal });
    await expect(t.race(Promise.resolve(7))).resolves.toBe(7);
    const never = t.race(new Promise<never>(() => undefined));
    caller.abort();
    vi.advanceTimersByTime(1);
    await expect(never).rejects.toBeInstanceOf(AbortError);
    await expect(t.race(new Promise<never>(() => undefined))).rejects.toBeInstanceOf(AbortError);
  });

  it("race(): a call nothing can abort (no signal, no limit) gives the promise itself, no wrapper", () => {
    const promise = Promise.resolve(1);
    expect(new CallTimeouts({ firstByteMs: 0, idleMs: 0 }).race(promise)).toBe(promise);
    expect(new CallTimeouts({ firstByteMs: 0, idleMs: 0, totalRemainingMs: 10 }).race(promise)).not.toBe(promise);
    expect(new CallTimeouts({ firstByteMs: 0, idleMs: 0, callerSignal: new AbortController().signal }).race(promise)).not.toBe(promise);
    expect(new CallTimeouts({ firstByteMs: 5, idleMs: 0 }).race(promise)).not.toBe(promise);
  });

  it("the signal is made when first asked for, aborted with the reason if the call already was", () => {
    const caller = new AbortController();
    const t = new CallTimeouts({ firstByteMs: 0, idleMs: 0, callerSignal: caller.signal });
    caller.abort();
    expect(t.reason).toBeInstanceOf(AbortError);
    expect(t.signal.aborted).toBe(true);
    expect(t.signal.reason).toBe(t.reason);
    const live = new CallTimeouts({ firstByteMs: 10, idleMs: 0 });
    const signal = live.signal;
    vi.advanceTimersByTime(10);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(live.reason);
    expect(new CallTimeouts({ firstByteMs: 0, idleMs: 0 }).abortable).toBe(false);
    expect(live.abortable).toBe(true);
  });

  it("race(): a timeout rejects every pending race with its TimeoutError; a promise settling afterwards changes nothing", async () => {
    const t = new CallTimeouts({ firstByteMs: 0, idleMs: 0, totalRemainingMs: 50, totalMs: 50 });
    let settle!: (value: number) => void;
    const late = t.race(new Promise<number>((resolve) => (settle = resolve)));
    const never = t.race(new Promise<never>(() => undefined));
    const done = t.race(Promise.resolve("done"));
    await expect(done).resolves.toBe("done");
    vi.advanceTimersByTime(50);
    vi.advanceTimersByTime(1);
    settle(1);
    await expect(late).rejects.toMatchObject({ name: "TimeoutError", kind: "total" });
    await expect(never).rejects.toMatchObject({ name: "TimeoutError", kind: "total" });
  });

  it("is an AbortWatch: its abort listeners are called once, with aborted and reason set, and removed ones are not", () => {
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 0 });
    const seen: unknown[] = [];
    const kept = () => seen.push([t.aborted, t.reason]);
    const removed = () => seen.push("removed");
    t.addEventListener("abort", kept);
    t.addEventListener("abort", removed);
    t.removeEventListener("abort", removed);
    expect(t.aborted).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([[true, t.reason]]);
    expect(t.reason).toMatchObject({ name: "TimeoutError", kind: "first-byte" });
    t.addEventListener("abort", removed); // after the abort: never called, as on an aborted AbortSignal
    expect(seen).toHaveLength(1);
  });

  it("request(): the request with this attempt as its abort, and a signal made only when read (aborted if the attempt was)", () => {
    const caller = new AbortController();
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 0, callerSignal: caller.signal });
    const request = t.request({ method: "POST", url: "https://example.com/x", headers: { a: "b" }, body: new Uint8Array([1]) });
    expect(request).toMatchObject({ method: "POST", url: "https://example.com/x", headers: { a: "b" }, body: new Uint8Array([1]) });
    expect(request.abort).toBe(t);
    expect(Object.keys(request)).toContain("signal");
    caller.abort();
    const copy = { ...request }; // a transport wrapper's spread carries the signal
    expect(copy.signal).toBeInstanceOf(AbortSignal);
    expect(copy.signal!.aborted).toBe(true);
    expect(copy.signal!.reason).toBe(t.reason);
    expect(request.signal).toBe(copy.signal);
  });

  it("request(): a signal read before the abort aborts with it, before the watch's listeners run", () => {
    const t = new CallTimeouts({ firstByteMs: 1000, idleMs: 0 });
    const request = t.request({ method: "POST", url: "https://example.com/x", headers: {} });
    const order: string[] = [];
    request.signal!.addEventListener("abort", () => order.push(`signal ${String(request.signal!.reason === t.reason)}`));
    t.addEventListener("abort", () => order.push("watch"));
    vi.advanceTimersByTime(1000);
    expect(order).toEqual(["signal true", "watch"]);
  });
});

describe("CallTimeouts on a starved event loop (real timers)", () => {
  it("a chunk that arrives in the same turn as the due idle timer wins: the loop gets one more turn before the abort", async () => {
    const t = new CallTimeouts({ firstByteMs: 0, idleMs: 20 });
    t.headersReceived(); // arms the idle timer for 20 ms…
    const chunk = setTimeout(() => t.activity(), 20); // …and a "chunk" due at the same time, run right after it
    // Block the loop past both: when it runs again, the idle timer is due first.
    const until = Date.now() + 60;
    while (Date.now() < until);
    await new Promise((resolve) => setTimeout(resolve, 40));
    clearTimeout(chunk);
    expect(t.signal.aborted).toBe(false);
    t.dispose();
  });

  it("a real stall still aborts, after that one extra turn", async () => {
    const t = new CallTimeouts({ firstByteMs: 0, idleMs: 20 });
    t.headersReceived();
    // Waits for the abort itself (a fixed sleep is flaky on a loaded machine: a late timers phase
    // runs the sleep's callback before the abort's extra turn); the safety timer only ends a hang.
    const aborted = await new Promise<boolean>((resolve) => {
      const safety = setTimeout(() => resolve(false), 10_000);
      t.signal.addEventListener("abort", () => (clearTimeout(safety), resolve(true)), { once: true });
    });
    expect(aborted).toBe(true);
    expect((t.reason as TimeoutError).kind).toBe("idle");
  });
});
