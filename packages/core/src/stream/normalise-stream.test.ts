import { EventStreamDecodeError } from "@streambed/transport";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InternalServerError,
  ModelStreamError,
  ServiceUnavailableError,
  ThrottlingError,
  UnknownServiceError,
  ValidationError,
} from "../errors/index.js";
import { testModel } from "../request/test-helpers.js";
import type { Model, StreamEvent, ThinkingContent, ToolCall } from "../types/index.js";
import { encodeBase64 } from "../request/base64.js";
import {
  EXCEPTION_TYPES,
  STOP_REASON_CASES,
  blockStop,
  collect,
  concatFrames,
  decodeFrames,
  errorFrame,
  eventFrame,
  exceptionFrame,
  messageStart,
  messageStop,
  metadata,
  reasoningDelta,
  reasoningResponse,
  redactedReasoningResponse,
  textDelta,
  textResponse,
  toolDelta,
  toolStart,
  toolUseResponse,
} from "./fixtures/converse-stream-frames.js";
import { normaliseStream, type MalformedToolCall } from "./normalise-stream.js";

const model: Model = testModel("us.anthropic.claude-opus-4-6-v1:0", { cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } });

const context = { model, requestId: "req-1234", now: () => 1_700_000_000_000 };

function run(frames: Uint8Array[], cuts: number[] = []) {
  return collect(normaliseStream(decodeFrames(frames, cuts), context));
}

function types(events: StreamEvent[]): string[] {
  return events.map((e) => e.type);
}

function done(events: StreamEvent[]) {
  const last = events[events.length - 1]!;
  if (last.type !== "done") throw new Error(`last event is ${last.type}`);
  return last;
}

describe("normaliseStream: text", () => {
  it("turns a text answer (no contentBlockStart, with p padding) into start, text_*, usage, done", async () => {
    const { items, error } = await run(textResponse(["Hel", "lo", " world"]));
    expect(error).toBeUndefined();
    expect(types(items)).toEqual(["start", "text_start", "text_delta", "text_delta", "text_delta", "text_end", "usage", "done"]);
    expect(items.filter((e) => e.type === "text_delta").map((e) => (e as { delta: string }).delta)).toEqual(["Hel", "lo", " world"]);
    expect(items[5]).toMatchObject({ type: "text_end", contentIndex: 0, content: "Hello world" });
    const { message, reason } = done(items);
    expect(reason).toBe("stop");
    expect(message).toEqual({
      role: "assistant",
      content: [{ type: "text", text: "Hello world" }],
      api: "bedrock-converse-stream",
      provider: "amazon-bedrock",
      model: "us.anthropic.claude-opus-4-6-v1:0",
      usage: {
        input: 12,
        output: 34,
        cacheRead: 0,
        cacheWrite: 0,
        totalTokens: 46,
        cost: { input: (12 * 5) / 1e6, output: (34 * 25) / 1e6, cacheRead: 0, cacheWrite: 0, total: (12 * 5 + 34 * 25) / 1e6 },
      },
      stopReason: "stop",
      rawStopReason: "end_turn",
      timestamp: 1_700_000_000_000,
    });
  });

  it("hands out one message object, mutated in place, as partial and as the final message", async () => {
    const { items } = await run(textResponse(["a", "b"]));
    const first = items[0]!;
    if (first.type !== "start") throw new Error("no start");
    for (const e of items) expect(e.type === "done" ? e.message : e.partial).toBe(first.partial);
  });

  it("reports the usage event with cache tokens and latency", async () => {
    const { items } = await run(
      textResponse(["x"], "end_turn", { inputTokens: 10, outputTokens: 20, totalTokens: 1030, cacheReadInputTokens: 900, cacheWriteInputTokens: 100 }),
    );
    const usage = items.find((e) => e.type === "usage");
    expect(usage).toMatchObject({ usage: { input: 10, output: 20, cacheRead: 900, cacheWrite: 100, totalTokens: 1030 }, metrics: { latencyMs: 321 } });
  });
});

describe("normaliseStream: stop reasons", () => {
  it.each(STOP_REASON_CASES)("%s → %s, raw kept", async (raw, expected) => {
    const { items } = await run(textResponse(["x"], raw));
    const { reason, message } = done(items);
    expect(reason).toBe(expected);
    expect(message.stopReason).toBe(expected);
    expect(message.rawStopReason).toBe(raw);
    expect(done(items)).toMatchObject({ rawReason: raw });
    if (expected === "error" || expected === "other") expect(message.errorMessage).toContain(raw);
    else if (expected === "refusal") expect(message.errorMessage).toMatch(/declined/);
    else expect(message.errorMessage).toBeUndefined();
  });
});

describe("normaliseStream: tool use", () => {
  it("assembles the input from deltas, with a best-effort parse on each delta", async () => {
    const parts = ['{"ci', 'ty": "Par', 'is", "un', 'its": "celsius"', ', "days": 3}'];
    const { items, error } = await run(toolUseResponse(parts, { text: "Let me check." }));
    expect(error).toBeUndefined();
    expect(types(items)).toEqual([
      "start",
      "text_start",
      "text_delta",
      "text_end",
      "toolcall_start",
      ...parts.map(() => "toolcall_delta"),
      "toolcall_end",
      "usage",
      "done",
    ]);
    expect(items[4]).toMatchObject({ type: "toolcall_start", contentIndex: 1, id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather" });
    const deltas = items.filter((e) => e.type === "toolcall_delta") as Extract<StreamEvent, { type: "toolcall_delta" }>[];
    expect(deltas.map((d) => d.delta)).toEqual(parts);
    expect(deltas.map((d) => d.arguments)).toEqual([
      {},
      { city: "Par" },
      { city: "Paris" },
      { city: "Paris", units: "celsius" },
      { city: "Paris", units: "celsius", days: 3 },
    ]);
    const end = items.find((e) => e.type === "toolcall_end") as Extract<StreamEvent, { type: "toolcall_end" }>;
    expect(end.toolCall).toEqual({
      type: "toolCall",
      id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
      name: "get_weather",
      arguments: { city: "Paris", units: "celsius", days: 3 },
    });
    const { reason, message } = done(items);
    expect(reason).toBe("toolUse");
    expect(message.content[1]).toBe(end.toolCall);
  });

  it("gives {} for a tool without input", async () => {
    const { items } = await run(toolUseResponse([]));
    const end = items.find((e) => e.type === "toolcall_end") as Extract<StreamEvent, { type: "toolcall_end" }>;
    expect(end.toolCall.arguments).toEqual({});
    expect("rawArguments" in end.toolCall).toBe(false);
  });

  it("keeps invalid final JSON in rawArguments, with arguments {}", async () => {
    const { items } = await run(toolUseResponse(['{"path": "a.txt", ', '"content": oops}']));
    const end = items.find((e) => e.type === "toolcall_end") as Extract<StreamEvent, { type: "toolcall_end" }>;
    expect(end.toolCall.arguments).toEqual({});
    expect((end.toolCall as MalformedToolCall).rawArguments).toBe('{"path": "a.txt", "content": oops}');
  });

  it("streams a large input without re-parsing on every delta, and still ends with the exact arguments", async () => {
    const content = "x".repeat(40_000);
    const json = JSON.stringify({ path: "big.txt", content });
    const parts: string[] = [];
    for (let i = 0; i < json.length; i += 37) parts.push(json.slice(i, i + 37));
    const { items } = await run(toolUseResponse(parts));
    const deltas = items.filter((e) => e.type === "toolcall_delta") as Extract<StreamEvent, { type: "toolcall_delta" }>[];
    const distinct = new Set(deltas.map((d) => d.arguments));
    expect(distinct.size).toBeLessThan(deltas.length / 5);
    let previous = 0;
    for (const d of deltas) {
      const length = ((d.arguments.content as string | undefined) ?? "").length;
      expect(length).toBeGreaterThanOrEqual(previous);
      previous = length;
    }
    expect(previous).toBeGreaterThan(content.length * 0.85);
    const end = items.find((e) => e.type === "toolcall_end") as Extract<StreamEvent, { type: "toolcall_end" }>;
    expect(end.toolCall.arguments).toEqual({ path: "big.txt", content });
  });

  it("handles two tool calls in one answer", async () => {
    const frames = [
      messageStart(),
      toolStart(0, "t1", "a"),
      toolDelta(0, '{"n":1}'),
      blockStop(0),
      toolStart(1, "t2", "b"),
      toolDelta(1, '{"n":2}'),
      blockStop(1),
      messageStop("tool_use"),
      metadata(),
    ];
    const { items } = await run(frames);
    expect(done(items).message.content).toEqual([
      { type: "toolCall", id: "t1", name: "a", arguments: { n: 1 } },
      { type: "toolCall", id: "t2", name: "b", arguments: { n: 2 } },
    ]);
  });
});

describe("normaliseStream: reasoning", () => {
  it("streams thinking and keeps the signature on the block", async () => {
    const { items } = await run(reasoningResponse(["Let me ", "think."], "EqQBCkgIARABGAIiQL5sig", "42"));
    expect(types(items)).toEqual([
      "start",
      "thinking_start",
      "thinking_delta",
      "thinking_delta",
      "thinking_end",
      "text_start",
      "text_delta",
      "text_end",
      "usage",
      "done",
    ]);
    expect(items[4]).toMatchObject({ type: "thinking_end", contentIndex: 0, content: "Let me think." });
    expect(done(items).message.content).toEqual([
      { type: "thinking", thinking: "Let me think.", thinkingSignature: "EqQBCkgIARABGAIiQL5sig" },
      { type: "text", text: "42" },
    ]);
  });

  it("joins a signature sent in pieces", async () => {
    const frames = [
      messageStart(),
      reasoningDelta(0, { text: "hm" }),
      reasoningDelta(0, { signature: "abc" }),
      reasoningDelta(0, { signature: "def" }),
      blockStop(0),
      messageStop("end_turn"),
    ];
    const { items } = await run(frames);
    expect((done(items).message.content[0] as ThinkingContent).thinkingSignature).toBe("abcdef");
  });

  it("keeps redacted reasoning as bytes", async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    const { items } = await run(redactedReasoningResponse(encodeBase64(bytes), "ok"));
    expect(types(items)).toEqual(["start", "thinking_start", "thinking_end", "text_start", "text_delta", "text_end", "usage", "done"]);
    const block = done(items).message.content[0] as ThinkingContent;
    expect(block.thinking).toBe("");
    expect(block.redacted).toEqual(bytes);
  });
});

describe("normaliseStream: robustness", () => {
  it("skips unknown event types, unknown delta kinds and unknown block starts (a citation is an event)", async () => {
    const frames = [
      messageStart(),
      eventFrame("someFutureEvent", { anything: [1, 2, 3] }),
      textDelta(0, "According to the doc"),
      eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { citation: { title: "doc", location: { documentChar: { start: 0, end: 5 } } } } }),
      eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { futureKind: { x: 1 } } }),
      blockStop(0),
      eventFrame("contentBlockStart", { contentBlockIndex: 1, start: { image: { format: "png" } } }),
      eventFrame("contentBlockDelta", { contentBlockIndex: 1, delta: { image: { source: { bytes: "AAAA" } } } }),
      blockStop(1),
      messageStop("end_turn", { stop_sequence: null }),
      eventFrame("metadata", { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, metrics: { latencyMs: 5 }, trace: { guardrail: {} } }),
    ];
    const { items, error } = await run(frames);
    expect(error).toBeUndefined();
    expect(types(items)).toEqual(["start", "text_start", "text_delta", "citation", "text_end", "usage", "done"]);
    expect(done(items).message.content).toEqual([
      { type: "text", text: "According to the doc", citations: [{ title: "doc", location: { type: "documentChar", start: 0, end: 5 } }] },
    ]);
  });

  it("emits start even when messageStart is missing, and closes blocks Bedrock never stopped", async () => {
    const { items } = await run([textDelta(0, "hi"), messageStop("end_turn")]);
    expect(types(items)).toEqual(["start", "text_start", "text_delta", "text_end", "done"]);
  });

  it("throws a truncated decode error when the stream ends before messageStop", async () => {
    const { items, error } = await run([messageStart(), textDelta(0, "partial answ")]);
    expect(types(items)).toEqual(["start", "text_start", "text_delta"]);
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    expect(error).toMatchObject({ reason: "truncated", requestId: "req-1234", retryable: false });
  });

  it("an empty 200 body is a retryable truncation (nothing was delivered)", async () => {
    const { items, error } = await run([]);
    expect(items).toEqual([]);
    expect(error).toMatchObject({ reason: "truncated", retryable: true });
  });

  it("rejects an event payload that is not JSON with a typed error", async () => {
    const bad = {
      headers: {
        ":event-type": { type: "string" as const, value: "contentBlockDelta" },
        ":content-type": { type: "string" as const, value: "application/json" },
        ":message-type": { type: "string" as const, value: "event" },
      },
      payload: new TextEncoder().encode("<html>"),
    };
    async function* frames() {
      yield bad;
    }
    const { error } = await collect(normaliseStream(frames(), context));
    expect(error).toMatchObject({ name: "InvalidResponseError", code: "InvalidResponse", requestId: "req-1234" });
  });

  it("gives the same events however the body is chunked", async () => {
    const frames = [
      ...reasoningResponse(["a", "b"], "sig", "").slice(0, 5),
      toolStart(1, "t", "f"),
      toolDelta(1, '{"q": "é😀'),
      toolDelta(1, '"}'),
      blockStop(1),
      textDelta(2, "naïve ☃ text"),
      blockStop(2),
      messageStop("tool_use"),
      metadata(),
    ];
    const reference = JSON.stringify((await run(frames)).items.map(summary));
    const total = concatFrames(frames).length;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: total - 1 }), { maxLength: 40 }), async (cuts) => {
        const { items, error } = await run(frames, cuts);
        expect(error).toBeUndefined();
        expect(JSON.stringify(items.map(summary))).toBe(reference);
      }),
      { numRuns: 60 },
    );
    // every byte its own chunk
    const all = Array.from({ length: total }, (_, i) => i);
    expect(JSON.stringify((await run(frames, all)).items.map(summary))).toBe(reference);
  });
});

function summary(e: StreamEvent): unknown {
  const { partial: _p, ...rest } = e as StreamEvent & { partial?: unknown };
  return rest;
}

describe("normaliseStream: exception and error frames", () => {
  const expected = {
    internalServerException: [InternalServerError, "InternalServerException", 500, true],
    modelStreamErrorException: [ModelStreamError, "ModelStreamErrorException", 424, false],
    validationException: [ValidationError, "ValidationException", 400, false],
    throttlingException: [ThrottlingError, "ThrottlingException", 429, true],
    serviceUnavailableException: [ServiceUnavailableError, "ServiceUnavailableException", 503, true],
  } as const;

  it.each(EXCEPTION_TYPES)("%s after some text: the text first, then the typed error", async (type) => {
    const body =
      type === "modelStreamErrorException"
        ? { message: "Model stream error", originalStatusCode: 400, originalMessage: "input is too long" }
        : { message: `boom from ${type}` };
    const { items, error } = await run([messageStart(), textDelta(0, "Hel"), textDelta(0, "lo"), exceptionFrame(type, body), textDelta(0, "never")]);
    expect(types(items)).toEqual(["start", "text_start", "text_delta", "text_delta"]);
    const [cls, code, status, retryable] = expected[type];
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ code, status, retryable, requestId: "req-1234", serviceMessage: body.message });
    expect((error as Error).message).toContain(body.message);
    if (type === "modelStreamErrorException") expect(error).toMatchObject({ originalStatusCode: 400, originalMessage: "input is too long" });
  });

  it("an exception as the very first frame yields nothing before the error (so the call can be retried)", async () => {
    const { items, error } = await run([exceptionFrame("throttlingException", { message: "Too many tokens, please wait before trying again." })]);
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(ThrottlingError);
  });

  it("an unmodeled error frame becomes UnknownServiceError with its code and message", async () => {
    const { items, error } = await run([messageStart(), textDelta(0, "x"), errorFrame("InternalFailure", "Something went wrong upstream")]);
    expect(types(items)).toEqual(["start", "text_start", "text_delta"]);
    expect(error).toBeInstanceOf(UnknownServiceError);
    expect(error).toMatchObject({ code: "InternalFailure", serviceMessage: "Something went wrong upstream", requestId: "req-1234" });
    expect((error as Error).message).toContain("Something went wrong upstream");
  });
});

describe("normaliseStream: odd but legal orderings", () => {
  it("opens a new block when a delta kind changes at the same index, losing nothing", async () => {
    const frames = [messageStart(), reasoningDelta(0, { text: "think" }), textDelta(0, "answer"), blockStop(0), messageStop("end_turn")];
    const { items } = await run(frames);
    expect(types(items)).toEqual(["start", "thinking_start", "thinking_delta", "thinking_end", "text_start", "text_delta", "text_end", "done"]);
    expect(done(items).message.content).toEqual([
      { type: "thinking", thinking: "think" },
      { type: "text", text: "answer" },
    ]);
  });

  it("accepts a tool delta without its contentBlockStart", async () => {
    const { items } = await run([messageStart(), toolDelta(0, '{"a":1}'), blockStop(0), messageStop("tool_use")]);
    expect((done(items).message.content[0] as ToolCall).arguments).toEqual({ a: 1 });
  });
});
