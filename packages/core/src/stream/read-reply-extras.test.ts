/** Citations, the service tier and additional response fields: streamed and Converse replies, as Bedrock sends them. */
import { describe, expect, it } from "vitest";
import { testModel } from "../request/test-helpers.js";
import type { StreamEvent, TextContent } from "../types/index.js";
import { blockStop, collect, decodeFrames, eventFrame, messageStart, messageStop, textDelta, DEFAULT_USAGE } from "./fixtures/converse-stream-frames.js";
import { normaliseStream } from "./normalise-stream.js";
import { parseConverseResponse } from "./parse-converse-response.js";
import { rawBedrockEvents } from "./raw-bedrock-events.js";
import { readCitation } from "./read-reply-extras.js";

const model = testModel("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
const bedrockCitation = {
  title: "notes",
  sourceContent: [{ text: "Rivers flow " }, { text: "to the sea." }],
  location: { documentChar: { documentIndex: 0, start: 0, end: 23 } },
};
const citation = { title: "notes", sourceText: "Rivers flow to the sea.", location: { type: "documentChar", documentIndex: 0, start: 0, end: 23 } };

const frames = [
  messageStart(),
  textDelta(0, "They flow "),
  textDelta(0, "to the sea."),
  eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { citation: bedrockCitation } }),
  blockStop(0),
  messageStop("end_turn", { stop_sequence: null }),
  eventFrame("metadata", { usage: DEFAULT_USAGE, metrics: { latencyMs: 5 }, serviceTier: { type: "flex" }, performanceConfig: { latency: "optimized" } }),
];

describe("readCitation", () => {
  it("maps every location kind and joins the cited passages", () => {
    expect(readCitation(bedrockCitation)).toEqual(citation);
    expect(readCitation({ location: { documentPage: { documentIndex: 1, start: 2, end: 3 } } })).toEqual({ location: { type: "documentPage", documentIndex: 1, start: 2, end: 3 } });
    expect(readCitation({ location: { documentChunk: { start: 4 } } })).toEqual({ location: { type: "documentChunk", start: 4 } });
    expect(readCitation({ source: "s3://b/k", location: { web: { url: "https://x", domain: "x" } } })).toEqual({ source: "s3://b/k", location: { type: "web", url: "https://x", domain: "x" } });
    expect(readCitation("nope")).toBeUndefined();
  });
});

describe("a streamed reply with a citation, a service tier and response fields", () => {
  it("yields a citation event after the text and keeps it on the text block", async () => {
    const { items, error } = await collect(normaliseStream(decodeFrames(frames), { model }));
    expect(error).toBeUndefined();
    expect(items.map((e) => e.type)).toEqual(["start", "text_start", "text_delta", "text_delta", "citation", "text_end", "usage", "done"]);
    const event = items.find((e): e is Extract<StreamEvent, { type: "citation" }> => e.type === "citation")!;
    expect(event).toMatchObject({ contentIndex: 0, citation });
    const done = items.at(-1) as Extract<StreamEvent, { type: "done" }>;
    expect(done.message.content).toEqual([{ type: "text", text: "They flow to the sea.", citations: [citation] }]);
    expect(done.message.serviceTier).toBe("flex");
    expect(done.message.additionalModelResponseFields).toEqual({ stop_sequence: null });
  });

  it("streamRaw's events still carry them unchanged", async () => {
    const { items } = await collect(rawBedrockEvents(decodeFrames(frames)));
    expect(items[3]).toMatchObject({ contentBlockDelta: { contentBlockIndex: 0, delta: { citation: bedrockCitation } } });
    expect((items.at(-1) as { metadata: Record<string, unknown> }).metadata).toMatchObject({ serviceTier: { type: "flex" }, performanceConfig: { latency: "optimized" } });
  });
});

describe("a Converse reply with citationsContent and a service tier", () => {
  it("becomes a text block with its citations; serviceTier and response fields go on the message", () => {
    const message = parseConverseResponse(
      {
        output: { message: { role: "assistant", content: [{ citationsContent: { content: [{ text: "They flow to the sea." }], citations: [bedrockCitation] } }] } },
        stopReason: "end_turn",
        usage: DEFAULT_USAGE,
        metrics: { latencyMs: 5 },
        serviceTier: { type: "priority" },
        additionalModelResponseFields: { stop_sequence: null },
      },
      model,
    );
    expect(message.content).toEqual([{ type: "text", text: "They flow to the sea.", citations: [citation] }]);
    expect((message.content[0] as TextContent).citations).toHaveLength(1);
    expect(message.serviceTier).toBe("priority");
    expect(message.additionalModelResponseFields).toEqual({ stop_sequence: null });
  });
});
