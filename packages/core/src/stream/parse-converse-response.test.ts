import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../errors/index.js";
import { testModel } from "../request/test-helpers.js";
import type { Model } from "../types/index.js";
import { encodeBase64 } from "../request/base64.js";
import { decodeFrames, collect, toolUseResponse } from "./fixtures/converse-stream-frames.js";
import { normaliseStream, type MalformedToolCall } from "./normalise-stream.js";
import { parseConverseResponse } from "./parse-converse-response.js";

const model: Model = testModel("us.anthropic.claude-opus-4-6-v1:0", { cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } });
const now = () => 1_700_000_000_000;

describe("parseConverseResponse", () => {
  it("maps a full Converse response (reasoning, text, tool use, usage) to the final message", () => {
    const redacted = new Uint8Array([9, 8, 7, 255]);
    const json = {
      output: {
        message: {
          role: "assistant",
          content: [
            { reasoningContent: { reasoningText: { text: "Thinking...", signature: "sig==" } } },
            { reasoningContent: { redactedContent: encodeBase64(redacted) } },
            { text: "I'll look it up." },
            { toolUse: { toolUseId: "tooluse_1", name: "search", input: { q: "bedrock" } } },
            { image: { format: "png", source: { bytes: "AAAA" } } },
          ],
        },
      },
      stopReason: "tool_use",
      usage: { inputTokens: 100, outputTokens: 50, totalTokens: 350, cacheReadInputTokens: 200 },
      metrics: { latencyMs: 1234 },
    };
    expect(parseConverseResponse(json, model, { now })).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "Thinking...", thinkingSignature: "sig==" },
        { type: "thinking", thinking: "", redacted },
        { type: "text", text: "I'll look it up." },
        { type: "toolCall", id: "tooluse_1", name: "search", arguments: { q: "bedrock" } },
      ],
      api: "bedrock-converse-stream",
      provider: "amazon-bedrock",
      model: model.id,
      usage: {
        input: 100,
        output: 50,
        cacheRead: 200,
        cacheWrite: 0,
        totalTokens: 350,
        cost: { input: 0.0005, output: 0.00125, cacheRead: 0.0001, cacheWrite: 0, total: 0.0005 + 0.00125 + 0.0001 },
      },
      stopReason: "toolUse",
      rawStopReason: "tool_use",
      timestamp: 1_700_000_000_000,
    });
  });

  it("gives the same message as the stream for the same answer", async () => {
    const streamed = await collect(normaliseStream(decodeFrames(toolUseResponse(['{"city":"Paris"}'], { text: "Checking." })), { model, now }));
    const last = streamed.items[streamed.items.length - 1]!;
    if (last.type !== "done") throw new Error("no done");
    const json = {
      output: {
        message: {
          role: "assistant",
          content: [{ text: "Checking." }, { toolUse: { toolUseId: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", input: { city: "Paris" } } }],
        },
      },
      stopReason: "tool_use",
      usage: { inputTokens: 12, outputTokens: 34, totalTokens: 46 },
    };
    expect(parseConverseResponse(json, model, { now })).toEqual(last.message);
  });

  it("turns citationsContent into text with its citations and keeps a non-object tool input in rawArguments", () => {
    const message = parseConverseResponse(
      {
        output: {
          message: {
            content: [
              { citationsContent: { content: [{ text: "Cited " }, { text: "text." }], citations: [{ title: "doc" }] } },
              { toolUse: { toolUseId: "t", name: "f", input: "not an object" } },
            ],
          },
        },
        stopReason: "malformed_tool_use",
      },
      model,
    );
    expect(message.content[0]).toEqual({ type: "text", text: "Cited text.", citations: [{ title: "doc" }] });
    expect(message.content[1]).toMatchObject({ arguments: {}, rawArguments: "not an object" } satisfies Partial<MalformedToolCall>);
    expect(message.stopReason).toBe("error");
    expect(message.errorMessage).toContain("malformed_tool_use");
  });

  it("reports usage unknown (not zeros) and stop reason other when the response has neither", () => {
    const message = parseConverseResponse({ output: { message: { role: "assistant", content: [{ text: "hi" }] } } }, model);
    expect(message.usage).toEqual({ known: false });
    expect(message.stopReason).toBe("other");
    expect(message.rawStopReason).toBeUndefined();
    expect(message.errorMessage).toMatch(/no stop reason/);
  });

  it("throws InvalidResponseError for a body that is not a Converse response", () => {
    expect(() => parseConverseResponse({ hello: "world" }, model, { requestId: "r1" })).toThrow(InvalidResponseError);
    expect(() => parseConverseResponse(null, model)).toThrow(/output\.message\.content/);
  });
});
