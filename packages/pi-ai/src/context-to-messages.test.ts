import { getModel, type AssistantMessage, type Context, type Model } from "@mariozechner/pi-ai";
import { describe, expect, it } from "vitest";
import { contextToMessages, sanitizeSurrogates } from "./context-to-messages.js";

const claude = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-6") as Model<"bedrock-converse-stream">;
const nova = { ...claude, id: "us.amazon.nova-micro-v1:0", name: "Nova Micro", input: ["text"] } as Model<"bedrock-converse-stream">;

function assistant(model: Model<"bedrock-converse-stream">, content: AssistantMessage["content"]): AssistantMessage {
  return { role: "assistant", content, api: model.api, provider: model.provider, model: model.id, usage: {} as never, stopReason: "stop", timestamp: 0 };
}

describe("contextToMessages", () => {
  it("images become pi-ai's placeholder for a model without image input (once per run)", () => {
    const context: Context = {
      messages: [
        { role: "user", content: [{ type: "image", data: "AA==", mimeType: "image/png" }, { type: "image", data: "AA==", mimeType: "image/png" }, { type: "text", text: "what?" }], timestamp: 0 },
      ],
    };
    expect(contextToMessages(context, nova)[0]).toEqual({ role: "user", content: [{ type: "text", text: "(image omitted: model does not support images)" }, { type: "text", text: "what?" }] });
    expect(contextToMessages(context, claude)[0]!.content).toHaveLength(3);
  });

  it("reasoning: signed and redacted kept for the same model; unsigned becomes text for Claude, is dropped for others; another model's becomes text", () => {
    const blocks: AssistantMessage["content"] = [
      { type: "thinking", thinking: "signed", thinkingSignature: "sig" },
      { type: "thinking", thinking: "", thinkingSignature: "AAEC", redacted: true },
      { type: "thinking", thinking: "unsigned" },
      { type: "text", text: "answer" },
    ];
    expect(contextToMessages({ messages: [{ role: "user", content: "q", timestamp: 0 }, assistant(claude, blocks)] }, claude)[1]!.content).toEqual([
      { type: "thinking", thinking: "signed", thinkingSignature: "sig" },
      { type: "thinking", thinking: "", redacted: new Uint8Array([0, 1, 2]) },
      { type: "text", text: "unsigned" },
      { type: "text", text: "answer" },
    ]);
    // Same non-Claude model: signed and redacted go to streambed (whose request builder sends them to Claude only).
    expect(contextToMessages({ messages: [assistant(nova, blocks)] }, nova)[0]!.content).toEqual([
      { type: "thinking", thinking: "signed", thinkingSignature: "sig" },
      { type: "thinking", thinking: "", redacted: new Uint8Array([0, 1, 2]) },
      { type: "text", text: "answer" },
    ]);
    expect(contextToMessages({ messages: [assistant(nova, blocks)] }, claude)[0]!.content).toEqual([
      { type: "text", text: "signed" },
      { type: "text", text: "unsigned" },
      { type: "text", text: "answer" },
    ]);
  });

  it("tool calls and results pass through; the stop reason goes along (streambed leaves errored turns out)", () => {
    const messages = contextToMessages(
      {
        messages: [
          { ...assistant(claude, [{ type: "toolCall", id: "t1", name: "f", arguments: { a: 1 } }]), stopReason: "toolUse" },
          { role: "toolResult", toolCallId: "t1", toolName: "f", content: [{ type: "text", text: "ok" }], isError: true, timestamp: 0 },
        ],
      },
      claude,
    );
    expect(messages).toEqual([
      { role: "assistant", content: [{ type: "toolCall", id: "t1", name: "f", arguments: { a: 1 } }], stopReason: "toolUse" },
      { role: "toolResult", toolCallId: "t1", toolName: "f", content: [{ type: "text", text: "ok" }], isError: true },
    ]);
  });

  it("lone surrogates are removed, pairs kept", () => {
    expect(sanitizeSurrogates(`a\uD83Db 🙈 \uDC00c`)).toBe("ab 🙈 c");
  });
});
