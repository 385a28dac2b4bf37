/**
 * What each differential conversation must show on its own, so that "both equal" cannot pass by
 * both doing nothing: the stop reason, the content, the streamed tool input, the signature sent
 * back, the redacted payload kept, the error and its message.
 */
import { expect } from "vitest";
import type { ThinkingContent } from "@mariozechner/pi-ai";
import { PNG_BASE64, REDACTED_BASE64 } from "./conversations.js";
import type { Turn } from "./harness.js";

type Check = (turns: Turn[], streambedBodies: string[], sdkBodies: string[]) => void;

function types(turn: Turn): string[] {
  return turn.events.map((e) => e.type as string);
}

function text(turn: Turn): string {
  return turn.message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}

export const CHECKS: Record<string, Check> = {
  "plain text": ([turn]) => {
    expect(types(turn!)).toEqual(["start", "text_start", ...types(turn!).filter((t) => t === "text_delta"), "text_end", "done"]);
    expect(text(turn!)).toBe("hello there");
    expect(turn!.message.stopReason).toBe("stop");
    expect(turn!.message.usage.output).toBeGreaterThan(0);
    expect(turn!.message.usage.cost.total).toBeGreaterThan(0);
  },
  "multi-turn": ([, second], bodies) => {
    expect(text(second!)).toBe("What is my name?");
    expect(JSON.parse(bodies[1]!).messages).toHaveLength(3);
  },
  "tool call round trip (streamed tool input)": ([first, second]) => {
    expect(first!.message.stopReason).toBe("toolUse");
    expect(types(first!).filter((t) => t === "toolcall_delta").length).toBeGreaterThan(1);
    const end = first!.events.find((e) => e.type === "toolcall_end");
    expect(end?.toolCall).toEqual({ type: "toolCall", id: "tooluse_paris_1", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } });
    expect(text(second!)).toBe("Tool tooluse_paris_1 returned: 18C and sunny");
  },
  "reasoning with signature, replayed next turn": ([first], bodies, sdkBodies) => {
    const thinking = first!.message.content[0] as ThinkingContent;
    expect(thinking.type).toBe("thinking");
    expect(thinking.thinking.length).toBeGreaterThan(0);
    expect(thinking.thinkingSignature?.length).toBe(344);
    for (const body of [bodies[1]!, sdkBodies[1]!]) {
      expect(JSON.parse(body).messages[1].content[0]).toEqual({ reasoningContent: { reasoningText: { text: thinking.thinking, signature: thinking.thinkingSignature } } });
    }
    expect(JSON.parse(bodies[0]!).additionalModelRequestFields).toEqual({ thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "medium" } });
  },
  "reasoning with a budget (Claude Sonnet 4.5: maxTokens raised, interleaved-thinking beta)": ([turn], bodies) => {
    expect(turn!.message.content[0]).toMatchObject({ type: "thinking" });
    expect((turn!.message.content[0] as ThinkingContent).thinkingSignature?.length).toBe(344);
    const body = JSON.parse(bodies[0]!);
    expect(body.inferenceConfig).toEqual({ maxTokens: 2000 + 16384 });
    expect(body.additionalModelRequestFields).toEqual({ thinking: { type: "enabled", budget_tokens: 16384, display: "summarized" }, anthropic_beta: ["interleaved-thinking-2025-05-14"] });
  },
  "redacted thinking": ([first], bodies, sdkBodies) => {
    expect(types(first!).slice(0, 3)).toEqual(["start", "thinking_start", "thinking_end"]);
    expect(first!.message.content[0]).toEqual({ type: "thinking", thinking: "", thinkingSignature: REDACTED_BASE64, redacted: true });
    expect(JSON.parse(bodies[1]!).messages[1].content[0]).toEqual({ reasoningContent: { redactedContent: REDACTED_BASE64 } });
    expect(JSON.parse(sdkBodies[1]!).messages[1].content[0]).toEqual({ text: "I thought about it." });
  },
  "image input": ([turn], bodies) => {
    expect(text(turn!)).toBe(`I see a png image of ${atob(PNG_BASE64).length} bytes.`);
    expect(JSON.parse(bodies[0]!).messages[0].content[1]).toEqual({ image: { format: "png", source: { bytes: PNG_BASE64 } } });
  },
  "max-tokens stop": ([turn], bodies) => {
    expect(turn!.events.at(-1)).toEqual({ type: "done", reason: "length" });
    expect(turn!.message.usage.output).toBeLessThanOrEqual(8);
    expect(JSON.parse(bodies[0]!).inferenceConfig).toEqual({ maxTokens: 8 });
  },
  "mid-stream throttling exception": ([turn]) => {
    expect(types(turn!).slice(0, 3)).toEqual(["start", "text_start", "text_delta"]);
    expect(turn!.events.at(-1)).toMatchObject({ type: "error", reason: "error" });
    expect(turn!.message.stopReason).toBe("error");
    expect(turn!.message.errorMessage).toMatch(/^Throttling error: ./);
    expect(text(turn!).length).toBeGreaterThan(0);
  },
  abort: ([turn]) => {
    expect(turn!.events.at(-1)).toEqual({ type: "error", reason: "aborted", errorMessage: turn!.message.errorMessage });
    expect(turn!.message.stopReason).toBe("aborted");
    expect(text(turn!).split(" ").length).toBeLessThan(60);
  },
};
