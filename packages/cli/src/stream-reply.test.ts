import { describe, expect, it } from "vitest";
import type { AssistantMessage } from "streambed";
import { historyMessage } from "./commands/chat-session.js";
import { formatFooter, formatToolCall } from "./stream-reply.js";

const usage = (total: number) => ({ input: 12, output: 34, cacheRead: 0, cacheWrite: 0, totalTokens: 46, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total } });

describe("chat output", () => {
  it("the footer: stop reason, tokens, and the cost rounded when the model is priced", () => {
    const message: AssistantMessage = { role: "assistant", content: [], usage: usage(0.00005412345) };
    expect(formatFooter("stop", message)).toBe("[stop; 12 tokens in, 34 out; $0.000054]");
    expect(formatFooter("stop", { ...message, usage: usage(0) })).toBe("[stop; 12 tokens in, 34 out]");
    expect(formatFooter("length", { role: "assistant", content: [] })).toBe("[length; 0 tokens in, 0 out]");
    expect(formatFooter("stop", { ...message, usage: { known: false } })).toBe("[stop; usage not reported]");
  });
  it("a tool call as a line", () => {
    expect(formatToolCall("get_weather", { city: "Paris" })).toBe('[tool call get_weather {"city":"Paris"}]');
  });
  it("the session keeps an answer's text and reasoning, not its tool calls; an answer with no text is not kept", () => {
    const message: AssistantMessage = {
      role: "assistant",
      content: [
        { type: "thinking", thinking: "hmm", thinkingSignature: "sig" },
        { type: "text", text: "I'll check." },
        { type: "toolCall", id: "t1", name: "get_weather", arguments: {} },
      ],
    };
    expect(historyMessage(message)?.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(historyMessage({ role: "assistant", content: [{ type: "toolCall", id: "t1", name: "x", arguments: {} }] })).toBeUndefined();
  });
});
