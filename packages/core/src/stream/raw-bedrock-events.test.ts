import { describe, expect, it } from "vitest";
import { ThrottlingError, UnknownServiceError } from "../errors/index.js";
import {
  collect,
  decodeFrames,
  errorFrame,
  eventFrame,
  exceptionFrame,
  messageStart,
  textDelta,
  textResponse,
} from "./fixtures/converse-stream-frames.js";
import { rawBedrockEvents } from "./raw-bedrock-events.js";

describe("rawBedrockEvents", () => {
  it("yields Bedrock's events as { [eventType]: body }, unchanged (padding included)", async () => {
    const { items, error } = await collect(rawBedrockEvents(decodeFrames(textResponse(["Hi"])), { requestId: "r" }));
    expect(error).toBeUndefined();
    expect(items.map((e) => Object.keys(e)[0])).toEqual(["messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]);
    expect(items[1]).toEqual({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hi" }, p: expect.any(String) } });
    expect(items[3]).toMatchObject({ messageStop: { stopReason: "end_turn" } });
  });

  it("passes citations, traces and unknown event types through", async () => {
    const citation = { title: "doc", location: { documentChar: { documentIndex: 0, start: 1, end: 9 } } };
    const frames = [
      eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { citation } }, { pad: false }),
      eventFrame("futureEvent", { x: 1 }, { pad: false }),
      eventFrame("metadata", { usage: { inputTokens: 1 }, trace: { guardrail: { outputAssessments: {} } } }, { pad: false }),
    ];
    const { items } = await collect(rawBedrockEvents(decodeFrames(frames)));
    expect(items).toEqual([
      { contentBlockDelta: { contentBlockIndex: 0, delta: { citation } } },
      { futureEvent: { x: 1 } },
      { metadata: { usage: { inputTokens: 1 }, trace: { guardrail: { outputAssessments: {} } } } },
    ]);
  });

  it("throws exception frames and error frames as typed errors after the events before them", async () => {
    const a = await collect(rawBedrockEvents(decodeFrames([messageStart(), exceptionFrame("throttlingException", { message: "slow down" })]), { requestId: "r-9" }));
    expect(a.items).toHaveLength(1);
    expect(a.error).toBeInstanceOf(ThrottlingError);
    expect(a.error).toMatchObject({ requestId: "r-9" });
    const b = await collect(rawBedrockEvents(decodeFrames([messageStart(), textDelta(0, "x"), errorFrame("Oops", "bad thing")])));
    expect(b.items).toHaveLength(2);
    expect(b.error).toBeInstanceOf(UnknownServiceError);
    expect(b.error).toMatchObject({ code: "Oops" });
  });
});
