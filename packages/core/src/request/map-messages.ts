import type { Message, Model, ThinkingContent, ToolCall } from "../types/index.js";
import { encodeBase64 } from "./base64.js";
import type { BedrockContentBlock, BedrockMessage, BedrockToolResultContent } from "./converse-body.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";
import { mapCachePoint } from "./map-cache-point.js";
import { checkUserBlock, mapDocument, mapImage, mapVideo, type UserBlock } from "./map-content.js";
import type { ModelFamily } from "./model-family.js";
import { normaliseToolCallId } from "./tool-call-id.js";

/** How the history is shaped for one model. */
export interface MessageOptions {
  model: Model;
  family: ModelFamily;
  /**
   * Whether a `toolConfig` is sent. Bedrock rejects `toolUse` / `toolResult` blocks without one,
   * so when it is not (no tools, or `toolChoice: "none"`), past tool calls and results are
   * rendered as text (`[Tool call …]`, `[Tool result …]`, images and documents kept): the model
   * still sees what happened and cannot call a tool.
   */
  toolsActive: boolean;
}

/** Text of the tool result added for a tool call that got none (pi-ai's wording, as an error result). */
export const MISSING_TOOL_RESULT = "No result provided";

/**
 * streambed messages → Bedrock `messages`: tool results become user messages with `toolResult`
 * blocks, consecutive messages of the same role are merged (Bedrock rejects them), tool-call ids
 * are normalised on both sides, reasoning is replayed only where the model accepts it, blank text
 * and assistant turns left empty are dropped. Invalid input throws an InvalidRequestError naming
 * the path (`messages[1].content[0]`).
 *
 * Tool-call history is made to pair up the way Bedrock demands, as pi-ai does: an assistant turn
 * that ended in `error` or `aborted` is left out (it may hold half a tool call), and a tool call
 * left without a result when the conversation moves on (an interrupted agent run) gets an error
 * result, {@link MISSING_TOOL_RESULT}. A tool result that answers no call of the assistant turn
 * just before it, or answers one twice, is an InvalidRequestError: Bedrock would reject the request.
 */
export function mapMessages(messages: Message[], options: MessageOptions): BedrockMessage[] {
  if (!Array.isArray(messages) || messages.length === 0) {
    invalidRequest("messages", "at least one message is needed, e.g. [{ role: \"user\", content: \"hello\" }].");
  }
  const out: BedrockMessage[] = [];
  /** The index in `messages` each turn of `out` starts at (for errors about it). */
  const from: number[] = [];
  // Made at the first assistant turn or tool result: a conversation without tools never needs one.
  let calls: ToolCallLedger | undefined;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const path = `messages[${i}]`;
    if (!isPlainObject(message)) invalidRequest(path, `expected a message object, got ${describeValue(message)}.`);
    if (message.role === "assistant" && (message.stopReason === "error" || message.stopReason === "aborted")) continue;
    const mapped = mapMessage(message as unknown as Message, path, options);
    if (mapped.content.length === 0) continue; // an assistant turn with nothing Bedrock can take
    if (message.role === "toolResult") {
      if (options.toolsActive) (calls ??= new ToolCallLedger(options.family)).answer(mapped.content, path, String(message.toolCallId));
    } else if (mapped.role === "assistant" && out[out.length - 1]?.role === "assistant") {
      calls!.add(mapped.content); // merged into the same assistant turn
    } else {
      // A new turn: the open calls nobody answered get their error results first.
      const missing = calls?.close();
      if (missing !== undefined && missing.length > 0) append(out, from, { role: "user", content: missing }, i);
      if (mapped.role === "assistant") (calls ??= new ToolCallLedger(options.family)).add(mapped.content);
    }
    append(out, from, mapped, i);
  }
  const first = out[0];
  if (first === undefined) invalidRequest("messages", "no message has content Bedrock can take. Add a user message.");
  if (first.role !== "user") invalidRequest(`messages[${from[0]}]`, "Bedrock needs the conversation to start with a user message. Add one before it.");
  return out;
}

/** Adds a mapped message (a fresh object) to `out`, merged into the last turn when it has the same role. */
function append(out: BedrockMessage[], from: number[], mapped: BedrockMessage, index: number): void {
  const last = out[out.length - 1];
  if (last !== undefined && last.role === mapped.role) last.content.push(...mapped.content);
  else {
    out.push(mapped);
    from.push(index);
  }
}

function mapMessage(message: Message, path: string, options: MessageOptions): BedrockMessage {
  switch (message.role) {
    case "user": {
      const content = userContent(message.content, `${path}.content`, options.model);
      if (!hasContent(content)) invalidRequest(`${path}.content`, "the user message is empty. Give it text, an image, a document or a video.");
      return { role: "user", content };
    }
    case "assistant":
      return { role: "assistant", content: assistantContent(message.content, `${path}.content`, options) };
    case "toolResult":
      return { role: "user", content: toolResult(message, path, options) };
    default:
      return invalidRequest(`${path}.role`, `unknown role ${describeValue((message as { role?: unknown }).role)}. Use "user", "assistant" or "toolResult".`);
  }
}

/** Whether a user message has a block other than cache points. */
function hasContent(content: readonly BedrockContentBlock[]): boolean {
  for (const block of content) if (!("cachePoint" in block)) return true;
  return false;
}

function userBlocks(content: unknown, path: string): Array<{ block: UserBlock; path: string }> {
  if (typeof content === "string") return [{ block: { type: "text", text: content }, path }];
  if (!Array.isArray(content)) invalidRequest(path, `expected a string or an array of content blocks, got ${describeValue(content)}.`);
  return content.map((block, j) => ({ block: checkUserBlock(block, `${path}[${j}]`), path: `${path}[${j}]` }));
}

function userContent(content: unknown, path: string, model: Model): BedrockContentBlock[] {
  // A string is one text block (what userBlocks would make of it), kept unless blank.
  if (typeof content === "string") return content.trim() === "" ? [] : [{ text: content }];
  const out: BedrockContentBlock[] = [];
  for (const { block, path: at } of userBlocks(content, path)) {
    if (block.type === "text") {
      if (block.text.trim() !== "") out.push({ text: block.text }); // Bedrock rejects blank text blocks
    } else if (block.type === "cachePoint") out.push({ cachePoint: mapCachePoint(block, at) });
    else out.push(mediaBlock(block, at, model));
  }
  return out;
}

/** An image, document or video block of a user message or tool result. */
function mediaBlock(block: Exclude<UserBlock, { type: "text" | "cachePoint" }>, path: string, model: Model): Exclude<BedrockToolResultContent, { text: string } | { json: unknown }> {
  if (block.type === "image") return { image: mapImage(block, path, model) };
  if (block.type === "video") return { video: mapVideo(block, path) };
  return { document: mapDocument(block, path) };
}

function assistantContent(content: unknown, path: string, options: MessageOptions): BedrockContentBlock[] {
  if (typeof content === "string") return content.trim() === "" ? [] : [{ text: content }];
  if (!Array.isArray(content)) invalidRequest(path, `expected an array of content blocks, got ${describeValue(content)}.`);
  const out: BedrockContentBlock[] = [];
  content.forEach((block: unknown, j) => {
    const at = `${path}[${j}]`;
    if (!isPlainObject(block)) invalidRequest(at, `expected a content block object, got ${describeValue(block)}.`);
    switch (block.type) {
      case "text":
        if (typeof block.text !== "string") invalidRequest(`${at}.text`, "a text block needs `text` as a string.");
        if (block.text.trim() !== "") out.push({ text: block.text });
        return;
      case "thinking": {
        const reasoning = reasoningBlock(block as unknown as ThinkingContent, at, options.family);
        if (reasoning !== undefined) out.push(reasoning);
        return;
      }
      case "toolCall":
        out.push(toolUse(block as unknown as ToolCall, at, options.toolsActive));
        return;
      default:
        invalidRequest(`${at}.type`, `unknown content block type ${describeValue(block.type)} in an assistant message. Use "text", "thinking" or "toolCall".`);
    }
  });
  return out;
}

/**
 * Reasoning replay. Only Claude accepts `reasoningContent` in a request, and only signed
 * (`reasoningText: { text, signature }`) or redacted (`redactedContent`, bytes as base64): those
 * round-trip unchanged. Unsigned reasoning (Nova, DeepSeek, gpt-oss, or text from another
 * provider) is dropped: those models answer "User messages cannot contain reasoning content" or
 * reject the `signature` field, and an unsigned block is worthless to Claude.
 */
function reasoningBlock(block: ThinkingContent, path: string, family: ModelFamily): BedrockContentBlock | undefined {
  if (family !== "claude" && family !== "claude-adaptive") return undefined;
  if (block.redacted !== undefined) {
    if (!(block.redacted instanceof Uint8Array)) invalidRequest(`${path}.redacted`, "redacted reasoning must be the Uint8Array received from the model.");
    if (block.redacted.length > 0) return { reasoningContent: { redactedContent: encodeBase64(block.redacted) } };
  }
  if (typeof block.thinkingSignature === "string" && block.thinkingSignature !== "") {
    if (typeof block.thinking !== "string") invalidRequest(`${path}.thinking`, "a thinking block needs `thinking` as a string.");
    return { reasoningContent: { reasoningText: { text: block.thinking, signature: block.thinkingSignature } } };
  }
  return undefined;
}

function toolUse(call: ToolCall, path: string, toolsActive: boolean): BedrockContentBlock {
  if (typeof call.id !== "string" || call.id === "") invalidRequest(`${path}.id`, "a tool call needs its `id` (a non-empty string).");
  if (typeof call.name !== "string" || call.name === "") invalidRequest(`${path}.name`, "a tool call needs the tool's `name`.");
  const input = call.arguments ?? {};
  if (!isPlainObject(input)) invalidRequest(`${path}.arguments`, `tool-call arguments must be an object, got ${describeValue(input)}.`);
  if (!toolsActive) return { text: `[Tool call ${call.name} (id ${call.id}): ${JSON.stringify(input)}]` };
  return { toolUse: { toolUseId: normaliseToolCallId(call.id), name: call.name, input } };
}

/** Families whose models accept `toolResult.status` (Bedrock: "only supported by Amazon Nova and Anthropic Claude 3 and 4 models"). */
function acceptsToolStatus(family: ModelFamily): boolean {
  return family === "claude" || family === "claude-adaptive" || family === "nova";
}

function toolResult(message: Message & { role: "toolResult" }, path: string, options: MessageOptions): BedrockContentBlock[] {
  if (typeof message.toolCallId !== "string" || message.toolCallId === "") {
    invalidRequest(`${path}.toolCallId`, "a tool result needs the `toolCallId` of the call it answers.");
  }
  const isError = message.isError === true;
  const content: BedrockToolResultContent[] = [];
  // A cache point inside a tool result goes right after the result block (Bedrock has none inside).
  const cachePoints: BedrockContentBlock[] = [];
  for (const { block, path: at } of userBlocks(message.content, `${path}.content`)) {
    if (block.type === "text") {
      if (block.text !== "") content.push({ text: block.text });
    } else if (block.type === "cachePoint") cachePoints.push({ cachePoint: mapCachePoint(block, at) });
    else content.push(mediaBlock(block, at, options.model));
  }
  if (!options.toolsActive) {
    const name = typeof message.toolName === "string" && message.toolName !== "" ? `${message.toolName} ` : "";
    const head = `[Tool result ${name}(id ${message.toolCallId})${isError ? ", error" : ""}]`;
    const texts = content.flatMap((c) => ("text" in c ? [c.text] : []));
    const media = content.filter((c): c is BedrockContentBlock & BedrockToolResultContent => !("text" in c));
    return [{ text: [head, ...texts].join("\n") }, ...media, ...cachePoints];
  }
  const toolUseId = normaliseToolCallId(message.toolCallId);
  if (!isError) return [{ toolResult: { toolUseId, content } }, ...cachePoints];
  return [errorToolResult(toolUseId, content, options.family), ...cachePoints];
}

/** An error tool result: `status: "error"` where the model accepts it, else said as a first text block. */
function errorToolResult(toolUseId: string, content: BedrockToolResultContent[], family: ModelFamily): BedrockContentBlock {
  if (acceptsToolStatus(family)) return { toolResult: { toolUseId, content, status: "error" } };
  return { toolResult: { toolUseId, content: [{ text: "The tool reported an error:" }, ...content] } };
}

/**
 * The tool calls of the latest assistant turn and which of them have a result. Bedrock accepts a
 * `toolResult` only in the user turn right after the assistant turn that made the call, and wants
 * every call of that turn answered there.
 */
class ToolCallLedger {
  /** Tool-use ids (normalised) of the open assistant turn's calls, in order. */
  #open: string[] = [];
  #answered = new Set<string>();

  constructor(private readonly family: ModelFamily) {}

  /** Content of the open assistant turn (already mapped): its `toolUse` blocks are open calls. */
  add(content: BedrockContentBlock[]): void {
    for (const block of content) if ("toolUse" in block) this.#open.push(block.toolUse.toolUseId);
  }

  /** A tool-result message (already mapped): it must answer an open call, once. */
  answer(content: BedrockContentBlock[], path: string, toolCallId: string): void {
    for (const block of content) {
      if (!("toolResult" in block)) continue;
      const id = block.toolResult.toolUseId;
      if (!this.#open.includes(id)) {
        invalidRequest(
          `${path}.toolCallId`,
          `no tool call with id ${JSON.stringify(toolCallId)} in the assistant message just before this result. Bedrock only takes a tool result right after the assistant turn that made the call: fix the id, or drop the result.`,
        );
      }
      if (this.#answered.has(id)) invalidRequest(`${path}.toolCallId`, `a second result for tool call ${JSON.stringify(toolCallId)}. Send one result per call.`);
      this.#answered.add(id);
    }
  }

  /** The conversation moves on: error results for the open calls nobody answered. */
  close(): BedrockContentBlock[] {
    const missing = this.#open.filter((id) => !this.#answered.has(id)).map((id) => errorToolResult(id, [{ text: MISSING_TOOL_RESULT }], this.family));
    this.#open = [];
    this.#answered.clear();
    return missing;
  }
}
