/**
 * Fault catalogue, an abandoned iterator: the caller keeps the stream's iterator but stops pulling
 * (no `return()`, no `break`). After `timeouts.pullMs` without a pull the call is closed — the
 * server sees the connection close while the caller still holds the iterator — and the next pull
 * throws StreamAbandonedError. Against the emulator, undici and fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { StreamAbandonedError, type StreamEvent } from "@streambed/core";
import { ask, clientFor, faultModel, KEYS, textOf, TRANSPORTS } from "./harness.js";
import { startTcpCounter, type TcpCounter } from "./tcp-counter.js";

let emulator: RunningEmulator;
let counter: TcpCounter;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [KEYS] });
  counter = await startTcpCounter(emulator.port);
});
afterAll(async () => {
  await counter.close();
  await emulator.close();
});

describe.each(TRANSPORTS)("an abandoned iterator (%s)", (transport) => {
  it("no pull for timeouts.pullMs: the connection is closed while the caller holds the iterator, the next pull throws StreamAbandonedError", { timeout: 15_000 }, async () => {
    // The server pauses 30 s after the first text delta: the reply stays in flight the whole test.
    const bedrock = clientFor(counter, transport, { timeouts: { pullMs: 300 } });
    const openBefore = counter.open;
    const stream = bedrock.stream(ask(faultModel("stall:30"), "an iterator left behind"));
    const events: StreamEvent[] = [];
    while (!events.some((e) => e.type === "text_delta")) {
      const next = await stream.next();
      if (next.done) break;
      events.push(next.value);
    }
    expect(textOf(events).length).toBeGreaterThan(0);
    expect(counter.open).toBe(openBefore + 1);
    // The caller stops pulling and never calls return(). The server side sees the connection close.
    await counter.waitForOpenAtMost(openBefore);
    expect(counter.open).toBe(openBefore);
    const error = await stream.next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamAbandonedError);
    expect(error).toMatchObject({ code: "StreamAbandoned", pullMs: 300, retryable: false });
    expect((error as Error).message).toContain("timeouts.pullMs");
    // Finished: later pulls end the iterator.
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    await bedrock.close();
  });

  it("a caller that pulls within timeouts.pullMs, however slowly overall, gets the whole reply", async () => {
    const bedrock = clientFor(counter, transport, { timeouts: { pullMs: 2_000 } });
    const events: StreamEvent[] = [];
    for await (const ev of bedrock.stream(ask(faultModel(undefined), "pulled in time, every time"))) {
      events.push(ev);
      if (events.length < 6) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(textOf(events)).toBe("pulled in time, every time");
    expect(events.at(-1)).toMatchObject({ type: "done" });
    await bedrock.close();
  });
});
