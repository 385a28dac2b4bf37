/**
 * The conversations the differential test runs through both providers, and the emulator script
 * that answers them (keyed by the last user text). Each conversation builds its later turns from
 * the provider's own earlier answers, as a host does.
 */
import type { ConverseRequestInfo, Reply } from "@streambed/emulator";
import { getModel, type Context, type Model, type UserMessage } from "@mariozechner/pi-ai";
import { runTurn, type Turn } from "./harness.js";

/** A 1×1 PNG. */
export const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
/** Redacted reasoning as Bedrock sends it (base64 of opaque bytes). */
export const REDACTED_BASE64 = "AAECAwQFBgcICQ==";

function user(text: string): UserMessage {
  return { role: "user", content: text, timestamp: 0 };
}

const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city"] },
} as unknown as NonNullable<Context["tools"]>[number];

function lastMessageContent(info: ConverseRequestInfo): Array<Record<string, unknown>> {
  const messages = info.body.messages as Array<{ content: Array<Record<string, unknown>> }>;
  return messages[messages.length - 1]?.content ?? [];
}

/** Usage for turns whose request bodies differ by a documented field (so the emulator's estimate would). */
const FIXED_USAGE = { inputTokens: 40, outputTokens: 12, totalTokens: 52, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 };

/** The emulator's answers (the same script for both emulators). */
export function script(info: ConverseRequestInfo): Reply | undefined {
  const last = lastMessageContent(info);
  const result = last.find((block) => "toolResult" in block) as { toolResult: { toolUseId: string; content: Array<{ text?: string }> } } | undefined;
  // The emulator estimates input tokens from the body's JSON; pi-ai's body has `status: "success"`
  // on tool results where streambed leaves Bedrock's default (docs/pi-ai.md), so this turn's usage is fixed.
  if (result) return { text: `Tool ${result.toolResult.toolUseId} returned: ${result.toolResult.content.map((c) => c.text ?? "").join("")}`, usage: FIXED_USAGE };
  const text = info.lastUserText;
  // The turn after redacted reasoning: streambed sends the redacted block back, pi-ai's provider drops it.
  if (text === "Thanks.") return { text: "You are welcome.", usage: FIXED_USAGE };
  if (text.startsWith("What is the weather in Paris")) {
    return { text: "Let me check the weather.", toolUse: { name: "get_weather", toolUseId: "tooluse_paris_1", input: { city: "Paris", unit: "celsius" } } };
  }
  if (text === "Think, but keep it to yourself.") {
    return {
      events: [
        { messageStart: { role: "assistant" } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: REDACTED_BASE64 } } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { text: "I thought about it." } } },
        { contentBlockStop: { contentBlockIndex: 1 } },
        { messageStop: { stopReason: "end_turn" } },
        { metadata: { usage: { inputTokens: 21, outputTokens: 9, totalTokens: 30 }, metrics: { latencyMs: 14 } } },
      ],
    };
  }
  if (text === "What is in this image?") {
    const image = last.find((block) => "image" in block) as { image: { format: string; source: { bytes: string } } } | undefined;
    const bytes = image ? atob(image.image.source.bytes).length : 0;
    return { text: `I see a ${image?.image.format ?? "missing"} image of ${bytes} bytes.` };
  }
  if (text === "Write a long story.") return { behaviour: "lorem:80" };
  if (text === "Say something, then fail.") return { text: "This answer will be cut off by throttling.", fault: "throttlingException" };
  if (text === "Talk slowly so that I can stop you.") return { behaviour: "lorem:60", tokensPerSecond: 40 };
  return undefined;
}

type Conversation = (model: Model<"bedrock-converse-stream">) => Promise<Turn[]>;

/** Every conversation the issue lists, by name. */
export const CONVERSATIONS: Record<string, Conversation> = {
  "plain text": async (model) => [await runTurn(model, { systemPrompt: "You are brief.", messages: [user("hello there")] })],

  "multi-turn": async (model) => {
    const context: Context = { systemPrompt: "You are brief.", messages: [user("My name is Ada.")] };
    const first = await runTurn(model, context);
    context.messages.push(first.message, user("What is my name?"));
    return [first, await runTurn(model, context)];
  },

  "tool call round trip (streamed tool input)": async (model) => {
    const context: Context = { messages: [user("What is the weather in Paris? Use the tool.")], tools: [weatherTool] };
    const first = await runTurn(model, context);
    const call = first.message.content.find((block) => block.type === "toolCall");
    if (!call || call.type !== "toolCall") throw new Error("no tool call in the first answer");
    context.messages.push(first.message, {
      role: "toolResult",
      toolCallId: call.id,
      toolName: call.name,
      content: [{ type: "text", text: "18C and sunny" }],
      isError: false,
      timestamp: 0,
    });
    return [first, await runTurn(model, context)];
  },

  "reasoning with signature, replayed next turn": async (model) => {
    const context: Context = { messages: [user("Why is the sky blue?")] };
    const first = await runTurn(model, context, { reasoning: "medium" });
    context.messages.push(first.message, user("And at sunset?"));
    return [first, await runTurn(model, context, { reasoning: "medium" })];
  },

  "reasoning with a budget (Claude Sonnet 4.5: maxTokens raised, interleaved-thinking beta)": async (model) => {
    const sonnet45 = { ...getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"), baseUrl: model.baseUrl } as Model<"bedrock-converse-stream">;
    return [await runTurn(sonnet45, { messages: [user("Why is the sea salty?")] }, { reasoning: "high", maxTokens: 2000 })];
  },

  "redacted thinking": async (model) => {
    const context: Context = { messages: [user("Think, but keep it to yourself.")] };
    const first = await runTurn(model, context, { reasoning: "low" });
    context.messages.push(first.message, user("Thanks."));
    return [first, await runTurn(model, context, { reasoning: "low" })];
  },

  "image input": async (model) => [
    await runTurn(model, {
      messages: [{ role: "user", content: [{ type: "text", text: "What is in this image?" }, { type: "image", data: PNG_BASE64, mimeType: "image/png" }], timestamp: 0 }],
    }),
  ],

  "max-tokens stop": async (model) => [await runTurn(model, { messages: [user("Write a long story.")] }, { maxTokens: 8 })],

  "mid-stream throttling exception": async (model) => [await runTurn(model, { messages: [user("Say something, then fail.")] })],

  abort: async (model) => [await runTurn(model, { messages: [user("Talk slowly so that I can stop you.")] }, { abortAt: "text_delta" })],
};
