import { createAssistantMessageEventStream, getModel, type AssistantMessageEvent, type Model } from "@mariozechner/pi-ai";
import type { AssistantMessage as StreambedMessage, StreamEvent } from "streambed";
import { describe, expect, it } from "vitest";
import { PiAiMessageBuilder } from "./message-builder.js";

const model = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-6") as Model<"bedrock-converse-stream">;

/** Feed streambed events (one message object, as streambed hands out) and collect pi-ai's. */
async function run(events: Array<(m: StreambedMessage) => StreamEvent>, signal?: AbortSignal) {
  const out = createAssistantMessageEventStream();
  const builder = new PiAiMessageBuilder(model, out);
  const partial: StreambedMessage = { role: "assistant", content: [] };
  for (const make of events) builder.push(make(partial), signal);
  if (!builder.finished) builder.fail(new Error("ended"), false);
  const seen: AssistantMessageEvent[] = [];
  for await (const e of out) seen.push(e);
  return { seen, result: await out.result() };
}

const done = (reason: string, raw?: string, errorMessage?: string) => (m: StreambedMessage) =>
  ({ type: "done", reason, rawReason: raw, message: { ...m, rawStopReason: raw, ...(errorMessage ? { errorMessage } : {}) } }) as unknown as StreamEvent;

describe("PiAiMessageBuilder", () => {
  it("usage: counts and pi-ai's cost from the model; unknown usage stays zero; no usage event", async () => {
    const { seen, result } = await run([
      (m) => ({ type: "start", partial: m }),
      (m) => ({ type: "usage", usage: { input: 1000, output: 100, cacheRead: 10, cacheWrite: 20, totalTokens: 1130, cost: {} as never }, partial: m }),
      done("stop", "end_turn"),
    ]);
    expect(seen.map((e) => e.type)).toEqual(["start", "done"]);
    expect(result.usage).toMatchObject({ input: 1000, output: 100, cacheRead: 10, cacheWrite: 20, totalTokens: 1130 });
    // $3 / $15 / $0.30 / $3.75 per million tokens (the model's cost).
    expect(result.usage.cost.input).toBeCloseTo(0.003, 12);
    expect(result.usage.cost.output).toBeCloseTo(0.0015, 12);
    expect(result.usage.cost.cacheRead).toBeCloseTo(0.000003, 12);
    expect(result.usage.cost.cacheWrite).toBeCloseTo(0.000075, 12);
    expect(result.usage.cost.total).toBeCloseTo(0.004578, 12);
    const unknown = await run([(m) => ({ type: "start", partial: m }), (m) => ({ type: "usage", usage: { known: false } as never, partial: m }), done("stop", "end_turn")]);
    expect(unknown.result.usage.totalTokens).toBe(0);
  });

  it("stop reasons pi-ai has not (or none, as pi-ai): an error event, streambed's message or one naming Bedrock's value", async () => {
    for (const [reason, raw, streambedMessage, text] of [
      ["contentFilter", "guardrail_intervened", undefined, /content filtered \(guardrail_intervened\)/],
      ["refusal", "refusal", "The model declined to answer (stop reason refusal).", /declined to answer/],
      ["other", "new_reason", undefined, /stop reason "new_reason"/],
      ["other", undefined, undefined, /stop reason \(none\)/],
      ["error", "malformed_tool_use", "The model produced a malformed tool call (malformed_tool_use).", /malformed tool call/],
    ] as const) {
      const { seen, result } = await run([(m) => ({ type: "start", partial: m }), done(reason, raw, streambedMessage)]);
      expect(seen.at(-1)).toMatchObject({ type: "error", reason: "error" });
      expect(result.stopReason).toBe("error");
      expect(result.errorMessage).toMatch(text);
    }
  });

  it("tool input: pi-ai's partial-JSON parse on each delta, and the final arguments", async () => {
    const { seen, result } = await run([
      (m) => ({ type: "start", partial: m }),
      (m) => ({ type: "toolcall_start", contentIndex: 0, id: "t1", name: "f", partial: m }),
      (m) => ({ type: "toolcall_delta", contentIndex: 0, delta: '{"a": [1, ', arguments: {}, partial: m }),
      (m) => ({ type: "toolcall_delta", contentIndex: 0, delta: "2]}", arguments: {}, partial: m }),
      (m) => ({ type: "toolcall_end", contentIndex: 0, toolCall: { type: "toolCall", id: "t1", name: "f", arguments: {} }, partial: m }),
      done("toolUse", "tool_use"),
    ]);
    expect(seen.map((e) => e.type)).toEqual(["start", "toolcall_start", "toolcall_delta", "toolcall_delta", "toolcall_end", "done"]);
    expect(result.content).toEqual([{ type: "toolCall", id: "t1", name: "f", arguments: { a: [1, 2] } }]);
  });

  it("an aborted signal at the end is pi-ai's 'Request was aborted'; a failure keeps the partial content", async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = await run([(m) => ({ type: "start", partial: m }), (m) => ({ type: "text_start", contentIndex: 0, partial: m }), (m) => ({ type: "text_delta", contentIndex: 0, delta: "hi", partial: m }), done("stop", "end_turn")], controller.signal);
    expect(aborted.seen.at(-1)).toMatchObject({ type: "error", reason: "aborted" });
    expect(aborted.result).toMatchObject({ stopReason: "aborted", errorMessage: "Request was aborted", content: [{ type: "text", text: "hi" }] });
  });
});
