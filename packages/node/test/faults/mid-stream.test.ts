/**
 * Fault catalogue, "mid-stream": failures after some text already reached the caller. Never
 * retried (one request in the emulator's record), the text received stays valid, and the iterator
 * throws a typed error. Every row runs through undici and fetch.
 */
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import {
  AbortError,
  EventStreamDecodeError,
  InternalServerError,
  ModelStreamError,
  NetworkError,
  ServiceUnavailableError,
  ThrottlingError,
  TimeoutError,
  UnknownServiceError,
  ValidationError,
  type StreamEvent,
} from "@streambed/core";
import { ask, clientFor, drain, eventFrame, faultModel, KEYS, runtimeCalls, textOf, TRANSPORTS } from "./harness.js";
import { startTcpCounter, type TcpCounter } from "./tcp-counter.js";

/** A prelude announcing a 4 GiB frame, with a correct prelude CRC, so only the length guard stops it. */
function oversizedPrelude(total: number): Uint8Array {
  const b = new Uint8Array(12);
  const view = new DataView(b.buffer);
  view.setUint32(0, total);
  view.setUint32(4, 0);
  view.setUint32(8, crc32(b.subarray(0, 8)) >>> 0);
  return b;
}

let emulator: RunningEmulator;
let counter: TcpCounter;
/** Resolves when the script sees a call whose `x-arrived` header names it. */
const arrivals = new Map<string, () => void>();
const arrived = (id: string) => new Promise<void>((resolve) => arrivals.set(id, resolve));

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [KEYS],
    script: (info) => {
      const id = info.headers["x-arrived"];
      if (id) {
        arrivals.get(id)?.();
        return { fault: info.headers["x-then-fault"] ?? "stall-headers:30" };
      }
      if (info.lastUserText === "oversized frame please") {
        return {
          frames: [
            eventFrame("messageStart", { role: "assistant" }),
            eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "partial" } }),
            oversizedPrelude(0xfffffff0),
          ],
        };
      }
      return undefined;
    },
  });
  counter = await startTcpCounter(emulator.port);
});
afterAll(async () => {
  await counter.close();
  await emulator.close();
});

/** Events before the failure: a start and at least one text delta, no `done`. */
function expectPartial(events: StreamEvent[]): void {
  expect(events[0]?.type).toBe("start");
  expect(events.some((e) => e.type === "text_delta")).toBe(true);
  expect(textOf(events).length).toBeGreaterThan(0);
  expect(events.some((e) => e.type === "done")).toBe(false);
}

describe.each(TRANSPORTS)("mid-stream (%s)", (transport) => {
  it.each([
    ["internalServerException", InternalServerError, "InternalServerException", 500],
    ["modelStreamErrorException", ModelStreamError, "ModelStreamErrorException", 424],
    ["validationException", ValidationError, "ValidationException", 400],
    ["throttlingException", ThrottlingError, "ThrottlingException", 429],
    ["serviceUnavailableException", ServiceUnavailableError, "ServiceUnavailableException", 503],
  ] as const)("exception frame %s: the typed error from the iterator, never retried", async (fault, cls, code, status) => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(faultModel(fault))));
    expectPartial(events);
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ code, status });
    expect((error as Error).message).toMatch(/stream exception frame, request [0-9a-f-]{36}/);
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    if (fault === "modelStreamErrorException") expect(error).toMatchObject({ originalStatusCode: 500, originalMessage: "Model stream error" });
    await bedrock.close();
  });

  it("unmodeled error frame: UnknownServiceError with the frame's :error-code and message", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(faultModel("error-frame"))));
    expectPartial(events);
    expect(error).toBeInstanceOf(UnknownServiceError);
    expect(error).toMatchObject({ code: "InternalFailure" });
    expect((error as Error).message).toContain("An unmodeled error occurred in the emulated service");
    expect((error as Error).message).not.toContain("..");
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it.each([
    ["bad-prelude-crc", "prelude-crc"],
    ["bad-message-crc", "message-crc"],
    ["truncated", "truncated"],
  ] as const)("%s: EventStreamDecodeError reason %s, not retried", async (fault, reason) => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(faultModel(fault))));
    expectPartial(events);
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    expect(error).toMatchObject({ reason, retryable: false });
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it("oversized length prefix (4 GiB): EventStreamDecodeError length-too-large, nothing allocated", async () => {
    const bedrock = clientFor(emulator, transport);
    const heapBefore = process.memoryUsage();
    const { events, error } = await drain(bedrock.stream(ask(faultModel(undefined), "oversized frame please")));
    const heapAfter = process.memoryUsage();
    expect(textOf(events)).toBe("partial");
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    expect(error).toMatchObject({ reason: "length-too-large" });
    expect((error as Error).message).toContain("nothing was allocated");
    // Generous: a 4 GiB (or even the 24 MiB maximum) buffer would show up here.
    expect(heapAfter.arrayBuffers - heapBefore.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(heapAfter.rss - heapBefore.rss).toBeLessThan(512 * 1024 * 1024);
    await bedrock.close();
  });

  it("connection reset mid-stream: NetworkError, not retried", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(faultModel("reset-mid"))));
    expectPartial(events);
    expect(error).toBeInstanceOf(NetworkError);
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it("stall mid-stream: the idle timeout fires (TimeoutError idle) and the socket is closed", async () => {
    const bedrock = clientFor(counter, transport, { timeouts: { idleMs: 200 } });
    const accepted = counter.accepted;
    const { events, error } = await drain(bedrock.stream(ask(faultModel("stall:30"))));
    expectPartial(events);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: "idle", timeoutMs: 200 });
    expect(counter.accepted).toBe(accepted + 1);
    // The server side sees the client close the stalled connection (before the client is closed).
    await counter.waitForOpenAtMost(0);
    expect(counter.open).toBe(0);
    await bedrock.close();
  });
});

describe.each(TRANSPORTS)("a slow consumer (%s)", (transport) => {
  it("holding every event longer than idleMs (a tool run mid-stream) is not a stall: the whole reply arrives", async () => {
    const bedrock = clientFor(counter, transport, { timeouts: { idleMs: 60 } });
    const control = await drain(bedrock.stream(ask(faultModel(undefined), "slow consumer")));
    expect(control.error).toBeUndefined();
    const events: StreamEvent[] = [];
    let error: unknown;
    try {
      for await (const ev of bedrock.stream(ask(faultModel(undefined), "slow consumer"))) {
        events.push(ev);
        if (ev.type === "text_delta" && events.length < 12) await new Promise((resolve) => setTimeout(resolve, 150));
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe(textOf(control.events));
    expect(events.at(-1)).toMatchObject({ type: "done" });
    await bedrock.close();
  });
});

describe.each(TRANSPORTS)("abort from the caller (%s)", (transport) => {
  it("before send (signal already aborted): AbortError, nothing sent", async () => {
    const accepted = counter.accepted;
    const bedrock = clientFor(counter, transport);
    const controller = new AbortController();
    controller.abort();
    const marker = `never sent ${transport}`;
    const { events, error } = await drain(bedrock.stream(ask(faultModel(undefined), marker, { signal: controller.signal })));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(AbortError);
    expect(counter.accepted).toBe(accepted);
    expect(emulator.requests.some((r) => r.body.includes(marker))).toBe(false);
    await bedrock.close();
  });

  it("before the headers (the server holds them back): AbortError, the connection is closed", async () => {
    const bedrock = clientFor(counter, transport);
    const controller = new AbortController();
    const id = `${transport}-before-headers`;
    const model = { ...faultModel(undefined), headers: { "x-arrived": id, "x-then-fault": "stall-headers:30" } };
    const seen = arrived(id);
    const iterator = drain(bedrock.stream(ask(model, "abort me", { signal: controller.signal })));
    await seen;
    controller.abort();
    const { events, error } = await iterator;
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(AbortError);
    await counter.waitForOpenAtMost(0);
    await bedrock.close();
  });

  it("mid-stream (after the first text delta): AbortError from the iterator, the connection is closed", async () => {
    const bedrock = clientFor(counter, transport);
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    let error: unknown;
    try {
      for await (const ev of bedrock.stream(ask(faultModel("stall:30"), "abort me in the middle", { signal: controller.signal }))) {
        events.push(ev);
        if (ev.type === "text_delta") controller.abort();
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AbortError);
    expect(events.filter((e) => e.type === "text_delta")).toHaveLength(1);
    await counter.waitForOpenAtMost(0);
    await bedrock.close();
  });

  it("while waiting for a retry (backoff): AbortError, no further attempt", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport, { retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 }, debug: (e) => e.event === "retry" && controller.abort() });
    const controller = new AbortController();
    const { error } = await drain(bedrock.stream(ask(faultModel("503"), "x", { signal: controller.signal })));
    expect(error).toBeInstanceOf(AbortError);
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it("breaking out of the loop frees the connection", async () => {
    const bedrock = clientFor(counter, transport);
    for await (const ev of bedrock.stream(ask(faultModel("stall:30"), "break out"))) if (ev.type === "text_delta") break;
    await counter.waitForOpenAtMost(0);
    await bedrock.close();
  });
});
