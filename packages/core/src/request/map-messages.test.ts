import { describe, expect, it } from "vitest";
import type { AssistantMessage, Message, Model, ToolResultMessage } from "../types/index.js";
import { mapMessages, MISSING_TOOL_RESULT } from "./map-messages.js";
import { familyOfModel } from "./model-family.js";
import { normaliseToolCallId } from "./tool-call-id.js";
import { catchInvalid, CLAUDE_37, CLAUDE_46, DEEPSEEK_R1, GPT_OSS, LLAMA, NOVA_2 } from "./test-helpers.js";

const map = (messages: Message[], model: Model = CLAUDE_46, toolsActive = true) => mapMessages(messages, { model, family: familyOfModel(model), toolsActive });


const LONG_ID = "call_8f3a|fc_0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
const call = (id: string, name = "get_weather", args: Record<string, unknown> = { city: "Paris" }): AssistantMessage => ({
  role: "assistant",
  content: [{ type: "toolCall", id, name, arguments: args }],
});
const result = (id: string, text: string, isError?: boolean): ToolResultMessage => ({ role: "toolResult", toolCallId: id, toolName: "get_weather", content: text, ...(isError ? { isError } : {}) });

describe("mapMessages", () => {
  it("maps a string user message to a text block", () => {
    expect(map([{ role: "user", content: "hello" }])).toEqual([{ role: "user", content: [{ text: "hello" }] }]);
  });

  it("maps user text, image and document blocks in order", () => {
    const messages: Message[] = [
      {
        role: "user",
        content: [
          { type: "text", text: "what is this?" },
          { type: "image", mimeType: "image/png", data: new Uint8Array([1, 2, 3]) },
          { type: "document", name: "spec.md", format: "md", data: "IyBoaQ==" },
        ],
      },
    ];
    expect(map(messages)).toEqual([
      {
        role: "user",
        content: [
          { text: "what is this?" },
          { image: { format: "png", source: { bytes: "AQID" } } },
          { document: { format: "md", name: "spec-md", source: { bytes: "IyBoaQ==" } } },
        ],
      },
    ]);
  });

  it("maps a full tool round trip; consecutive tool results become one user message", () => {
    const messages: Message[] = [
      { role: "user", content: "weather in Paris and Rome?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "toolCall", id: "tooluse_1", name: "get_weather", arguments: { city: "Paris" } },
          { type: "toolCall", id: "tooluse_2", name: "get_weather", arguments: { city: "Rome" } },
        ],
      },
      result("tooluse_1", "18C"),
      result("tooluse_2", "no data", true),
    ];
    expect(map(messages)).toEqual([
      { role: "user", content: [{ text: "weather in Paris and Rome?" }] },
      {
        role: "assistant",
        content: [
          { text: "Checking." },
          { toolUse: { toolUseId: "tooluse_1", name: "get_weather", input: { city: "Paris" } } },
          { toolUse: { toolUseId: "tooluse_2", name: "get_weather", input: { city: "Rome" } } },
        ],
      },
      {
        role: "user",
        content: [
          { toolResult: { toolUseId: "tooluse_1", content: [{ text: "18C" }] } },
          { toolResult: { toolUseId: "tooluse_2", content: [{ text: "no data" }], status: "error" } },
        ],
      },
    ]);
  });

  it("normalises tool-call ids identically on the call and the result", () => {
    const [, assistant, user] = map([{ role: "user", content: "go" }, call(LONG_ID), result(LONG_ID, "ok")]);
    const id = normaliseToolCallId(LONG_ID);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(assistant!.content[0]).toEqual({ toolUse: { toolUseId: id, name: "get_weather", input: { city: "Paris" } } });
    expect(user!.content[0]).toEqual({ toolResult: { toolUseId: id, content: [{ text: "ok" }] } });
  });

  it("maps images and documents inside tool results", () => {
    const messages: Message[] = [
      { role: "user", content: "screenshot?" },
      call("t1", "screenshot", {}),
      { role: "toolResult", toolCallId: "t1", toolName: "screenshot", content: [{ type: "text", text: "here" }, { type: "image", mimeType: "image/jpeg", data: "/9j/" }] },
    ];
    expect(map(messages)[2]).toEqual({
      role: "user",
      content: [{ toolResult: { toolUseId: "t1", content: [{ text: "here" }, { image: { format: "jpeg", source: { bytes: "/9j/" } } }] } }],
    });
  });

  it("sends an empty tool result as empty content", () => {
    expect(map([{ role: "user", content: "go" }, call("t1"), result("t1", "")])[2]).toEqual({ role: "user", content: [{ toolResult: { toolUseId: "t1", content: [] } }] });
  });

  it("merges a tool result and a following user message, and consecutive same-role messages", () => {
    const messages: Message[] = [
      { role: "user", content: "a" },
      { role: "user", content: [{ type: "text", text: "b" }] },
      call("t1"),
      { role: "assistant", content: [{ type: "text", text: "more" }] },
      result("t1", "ok"),
      { role: "user", content: "thanks" },
    ];
    expect(map(messages)).toEqual([
      { role: "user", content: [{ text: "a" }, { text: "b" }] },
      { role: "assistant", content: [{ toolUse: { toolUseId: "t1", name: "get_weather", input: { city: "Paris" } } }, { text: "more" }] },
      { role: "user", content: [{ toolResult: { toolUseId: "t1", content: [{ text: "ok" }] } }, { text: "thanks" }] },
    ]);
  });

  it("drops blank text and assistant turns left empty, then merges around them", () => {
    const messages: Message[] = [
      { role: "user", content: "a" },
      { role: "assistant", content: [{ type: "text", text: "  " }, { type: "thinking", thinking: "unsigned" }] },
      { role: "user", content: [{ type: "text", text: "" }, { type: "text", text: "b" }] },
    ];
    expect(map(messages)).toEqual([{ role: "user", content: [{ text: "a" }, { text: "b" }] }]);
  });

  describe("reasoning replay", () => {
    const history = (): Message[] => [
      { role: "user", content: "think" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "let me see", thinkingSignature: "sig==" },
          { type: "thinking", thinking: "", redacted: new Uint8Array([9, 8, 7]) },
          { type: "thinking", thinking: "no signature" },
          { type: "text", text: "42" },
        ],
      },
      { role: "user", content: "why?" },
    ];

    it("Claude: signed reasoning with its signature, redacted reasoning as base64 bytes, unsigned dropped", () => {
      for (const model of [CLAUDE_46, CLAUDE_37]) {
        expect(map(history(), model)[1]).toEqual({
          role: "assistant",
          content: [
            { reasoningContent: { reasoningText: { text: "let me see", signature: "sig==" } } },
            { reasoningContent: { redactedContent: "CQgH" } },
            { text: "42" },
          ],
        });
      }
    });

    it("other models: no reasoning is sent back", () => {
      for (const model of [NOVA_2, DEEPSEEK_R1, GPT_OSS, LLAMA]) {
        expect(map(history(), model)[1]).toEqual({ role: "assistant", content: [{ text: "42" }] });
      }
    });
  });

  describe("tool status", () => {
    it("Nova takes status", () => {
      expect(map([{ role: "user", content: "go" }, call("t1"), result("t1", "boom", true)], NOVA_2)[2]!.content[0]).toEqual({
        toolResult: { toolUseId: "t1", content: [{ text: "boom" }], status: "error" },
      });
    });
    it("models without status get the error said in text", () => {
      expect(map([{ role: "user", content: "go" }, call("t1"), result("t1", "boom", true)], GPT_OSS)[2]!.content[0]).toEqual({
        toolResult: { toolUseId: "t1", content: [{ text: "The tool reported an error:" }, { text: "boom" }] },
      });
    });
  });

  it("renders tool history as text when no toolConfig is sent (no tools, or toolChoice none)", () => {
    const messages: Message[] = [
      { role: "user", content: "weather?" },
      { role: "assistant", content: [{ type: "text", text: "Checking." }, { type: "toolCall", id: "t|1", name: "get_weather", arguments: { city: "Paris" } }] },
      { role: "toolResult", toolCallId: "t|1", toolName: "get_weather", content: [{ type: "text", text: "18C" }, { type: "image", mimeType: "image/png", data: "AQID" }] },
      result("t|1", "late", true),
      { role: "user", content: "summarise" },
    ];
    expect(map(messages, CLAUDE_46, false)).toEqual([
      { role: "user", content: [{ text: "weather?" }] },
      { role: "assistant", content: [{ text: "Checking." }, { text: '[Tool call get_weather (id t|1): {"city":"Paris"}]' }] },
      {
        role: "user",
        content: [
          { text: "[Tool result get_weather (id t|1)]\n18C" },
          { image: { format: "png", source: { bytes: "AQID" } } },
          { text: "[Tool result get_weather (id t|1), error]\nlate" },
          { text: "summarise" },
        ],
      },
    ]);
  });

  it.each<[string, unknown[], string]>([
    ["no messages", [], "messages"],
    ["a non-object message", ["hi"], "messages[0]"],
    ["an unknown role", [{ role: "system", content: "x" }], "messages[0].role"],
    ["an empty user message", [{ role: "user", content: " " }], "messages[0].content"],
    ["user content that is not a string or array", [{ role: "user", content: 5 }], "messages[0].content"],
    ["an unknown user block", [{ role: "user", content: [{ type: "text", text: "a" }, { type: "audio", data: "x" }] }], "messages[0].content[1].type"],
    ["a bad image mime type", [{ role: "user", content: "a" }, { role: "assistant", content: [{ type: "text", text: "b" }] }, { role: "user", content: [{ type: "image", mimeType: "image/bmp", data: "AQID" }] }], "messages[2].content[0].mimeType"],
    ["an unknown document format", [{ role: "user", content: [{ type: "document", name: "a", format: "rtf", data: "AQID" }] }], "messages[0].content[0].format"],
    ["an unknown assistant block", [{ role: "user", content: "a" }, { role: "assistant", content: [{ type: "image", data: "x" }] }], "messages[1].content[0].type"],
    ["assistant content that is not an array", [{ role: "user", content: "a" }, { role: "assistant", content: 3 }], "messages[1].content"],
    ["a tool call without id", [{ role: "user", content: "a" }, { role: "assistant", content: [{ type: "toolCall", name: "t", arguments: {} }] }], "messages[1].content[0].id"],
    ["a tool call without name", [{ role: "user", content: "a" }, { role: "assistant", content: [{ type: "toolCall", id: "x", arguments: {} }] }], "messages[1].content[0].name"],
    ["tool-call arguments that are not an object", [{ role: "user", content: "a" }, { role: "assistant", content: [{ type: "toolCall", id: "x", name: "t", arguments: "{" }] }], "messages[1].content[0].arguments"],
    ["a tool result without toolCallId", [{ role: "user", content: "a" }, { role: "toolResult", toolName: "t", content: "x" }], "messages[1].toolCallId"],
    ["an unknown block in a tool result", [{ role: "user", content: "a" }, { role: "toolResult", toolCallId: "x", toolName: "t", content: [{ type: "toolCall" }] }], "messages[1].content[0].type"],
    ["a conversation starting with the assistant", [{ role: "assistant", content: [{ type: "text", text: "hi" }] }, { role: "user", content: "a" }], "messages[0]"],
  ])("rejects %s", (_, messages, path) => {
    expect(catchInvalid(() => map(messages as Message[])).path).toBe(path);
  });
});

describe("mapMessages: tool-call history", () => {
  const use = (id: string) => ({ toolUse: { toolUseId: id, name: "get_weather", input: { city: "Paris" } } });
  const missing = (id: string) => ({ toolResult: { toolUseId: id, content: [{ text: MISSING_TOOL_RESULT }], status: "error" } });
  const calls = (...ids: string[]): AssistantMessage => ({
    role: "assistant",
    content: ids.map((id) => ({ type: "toolCall" as const, id, name: "get_weather", arguments: { city: "Paris" } })),
  });

  it("leaves out assistant turns that ended in error or aborted, half tool calls and all", () => {
    const messages: Message[] = [
      { role: "user", content: "a" },
      { ...calls("t1"), stopReason: "aborted" },
      { role: "user", content: "b" },
      { role: "assistant", content: [{ type: "text", text: "partial" }], stopReason: "error" },
      { role: "user", content: "c" },
    ];
    expect(map(messages)).toEqual([{ role: "user", content: [{ text: "a" }, { text: "b" }, { text: "c" }] }]);
  });

  it("gives a call left without a result an error result when the user speaks next, before the user's text", () => {
    const messages: Message[] = [{ role: "user", content: "weather?" }, calls("t1"), { role: "user", content: "never mind" }];
    expect(map(messages)).toEqual([
      { role: "user", content: [{ text: "weather?" }] },
      { role: "assistant", content: [use("t1")] },
      { role: "user", content: [missing("t1"), { text: "never mind" }] },
    ]);
  });

  it("answers only the missing calls of a parallel batch, after the real results, in call order", () => {
    const messages: Message[] = [
      { role: "user", content: "go" },
      calls("t1", "t2", "t3"),
      result("t2", "two"),
      { role: "assistant", content: [{ type: "text", text: "next" }] },
      { role: "user", content: "ok" },
    ];
    expect(map(messages)).toEqual([
      { role: "user", content: [{ text: "go" }] },
      { role: "assistant", content: [use("t1"), use("t2"), use("t3")] },
      { role: "user", content: [{ toolResult: { toolUseId: "t2", content: [{ text: "two" }] } }, missing("t1"), missing("t3")] },
      { role: "assistant", content: [{ text: "next" }] },
      { role: "user", content: [{ text: "ok" }] },
    ]);
  });

  it("counts the calls of merged assistant messages as one turn", () => {
    const messages: Message[] = [{ role: "user", content: "go" }, calls("t1"), calls("t2"), result("t2", "two"), { role: "user", content: "ok" }];
    expect(map(messages)[2]).toEqual({ role: "user", content: [{ toolResult: { toolUseId: "t2", content: [{ text: "two" }] } }, missing("t1"), { text: "ok" }] });
  });

  it("says the missing result as text for models without toolResult.status, and normalises long ids", () => {
    const messages: Message[] = [{ role: "user", content: "go" }, calls(LONG_ID), { role: "user", content: "ok" }];
    expect(map(messages, LLAMA)[2]).toEqual({
      role: "user",
      content: [{ toolResult: { toolUseId: normaliseToolCallId(LONG_ID), content: [{ text: "The tool reported an error:" }, { text: MISSING_TOOL_RESULT }] } }, { text: "ok" }],
    });
  });

  it("leaves a conversation that ends on unanswered calls as it is (the caller is about to run the tools)", () => {
    const messages: Message[] = [{ role: "user", content: "go" }, calls("t1")];
    expect(map(messages)).toEqual([
      { role: "user", content: [{ text: "go" }] },
      { role: "assistant", content: [use("t1")] },
    ]);
  });

  it("rejects a result that answers no call of the assistant turn before it, naming the path", () => {
    const wrongId = catchInvalid(() => map([{ role: "user", content: "go" }, calls("t1"), result("t9", "?")]));
    expect(wrongId.path).toBe("messages[2].toolCallId");
    expect(wrongId.message).toMatch(/no tool call with id "t9" in the assistant message just before this result/);
    // A user message between the call and its result ends the turn: Bedrock would reject the result.
    expect(catchInvalid(() => map([{ role: "user", content: "go" }, calls("t1"), { role: "user", content: "hm" }, result("t1", "late")])).path).toBe("messages[3].toolCallId");
    // A result with no tool call before it at all.
    expect(catchInvalid(() => map([{ role: "user", content: "go" }, result("t1", "?")])).path).toBe("messages[1].toolCallId");
  });

  it("rejects a second result for the same call", () => {
    const error = catchInvalid(() => map([{ role: "user", content: "go" }, calls("t1"), result("t1", "a"), result("t1", "b")]));
    expect(error.path).toBe("messages[3].toolCallId");
    expect(error.message).toMatch(/a second result for tool call "t1"/);
  });

  it("with tools inactive (history as text), neither adds results nor checks ids", () => {
    const messages: Message[] = [{ role: "user", content: "go" }, calls("t1"), result("t9", "?"), { role: "user", content: "ok" }];
    const mapped = map(messages, CLAUDE_46, false);
    expect(JSON.stringify(mapped)).not.toContain(MISSING_TOOL_RESULT);
    expect(mapped[2]).toMatchObject({ role: "user", content: [{ text: expect.stringContaining("[Tool result get_weather (id t9)]") }, { text: "ok" }] });
  });
});
