import { describe, expect, it } from "vitest";
import { testModel } from "../request/test-helpers.js";
import type { StreamEvent } from "../types/index.js";
import { collect, decodeFrames } from "./fixtures/converse-stream-frames.js";
import {
  NOVA_LITE_STREAM_LINES,
  NOVA_LITE_STREAM_WITHOUT_METADATA,
  STREAM_ENDING_IN_REFUSAL,
  recordedFrames,
} from "./fixtures/recorded-replies.js";
import { normaliseBody } from "./normalise-body.js";
import { normaliseStream } from "./normalise-stream.js";
import { rawBedrockEvents } from "./raw-bedrock-events.js";

const model = testModel("us.amazon.nova-lite-v1:0", { cost: { input: 0.06, output: 0.24, cacheRead: 0.015, cacheWrite: 0 } });

async function normalised(lines: string): Promise<StreamEvent[]> {
  const { items, error } = await collect(normaliseStream(decodeFrames(recordedFrames(lines)), { model }));
  expect(error).toBeUndefined();
  return items;
}

function last(events: StreamEvent[]): Extract<StreamEvent, { type: "done" }> {
  const event = events[events.length - 1]!;
  if (event.type !== "done") throw new Error(`last event is ${event.type}`);
  return event;
}

describe("recorded replies: usage", () => {
  it("the recorded stream reports its usage, priced", async () => {
    const done = last(await normalised(NOVA_LITE_STREAM_LINES));
    expect(done).toMatchObject({ reason: "stop", rawReason: "end_turn" });
    expect(done.message.usage).toMatchObject({ input: 5, output: 89, totalTokens: 94 });
    expect(done.message.usage?.known).not.toBe(false);
    expect(done.message.usage?.cost?.total).toBeCloseTo((5 * 0.06 + 89 * 0.24) / 1e6, 12);
  });

  it("the same stream without its metadata event ends with usage unknown, not zeros, and no usage event", async () => {
    const events = await normalised(NOVA_LITE_STREAM_WITHOUT_METADATA);
    expect(events.some((e) => e.type === "usage")).toBe(false);
    const done = last(events);
    expect(done.reason).toBe("stop");
    expect(done.message.usage).toEqual({ known: false });
    expect(done.message.usage?.input).toBeUndefined();
    expect(done.message.usage?.cost).toBeUndefined();
    expect(done.message.content).toEqual([{ type: "text", text: "Sorry, I can't respond in a way that might seem impersonal" }]);
  });

  it("normaliseBody (the client's path) agrees", async () => {
    async function* body() {
      for (const frame of recordedFrames(NOVA_LITE_STREAM_WITHOUT_METADATA)) yield frame;
    }
    const { items, error } = await collect(normaliseBody(body(), { model }));
    expect(error).toBeUndefined();
    expect(last(items).message.usage).toEqual({ known: false });
  });
});

describe("recorded replies: stop reasons", () => {
  it("a refusal is reported as refusal with the raw value, not as a normal stop", async () => {
    const done = last(await normalised(STREAM_ENDING_IN_REFUSAL));
    expect(done.reason).toBe("refusal");
    expect(done.rawReason).toBe("refusal");
    expect(done.message.stopReason).toBe("refusal");
    expect(done.message.rawStopReason).toBe("refusal");
    expect(done.message.errorMessage).toMatch(/declined to answer/);
  });

  it("an unknown value is other, with the raw string", async () => {
    const done = last(await normalised(NOVA_LITE_STREAM_LINES.replace('"end_turn"', '"pause_turn"')));
    expect(done).toMatchObject({ reason: "other", rawReason: "pause_turn" });
    expect(done.message.errorMessage).toContain("pause_turn");
  });

  it("streamRaw's events pass the recorded stream through unchanged", async () => {
    const { items } = await collect(rawBedrockEvents(decodeFrames(recordedFrames(STREAM_ENDING_IN_REFUSAL))));
    expect(items).toEqual(STREAM_ENDING_IN_REFUSAL.split("\n").filter(Boolean).map((line) => JSON.parse(line)));
  });
});
