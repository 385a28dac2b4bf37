import type { Api, Context, ImageContent as PiImage, Model, TextContent as PiText } from "@mariozechner/pi-ai";
import type { Message, TextContent, ImageContent, ThinkingContent, ToolCall, Tool } from "streambed";
import { isClaude } from "./model-traits.js";

/** What pi-ai puts where an image was, for a model without image input. */
const USER_IMAGE_PLACEHOLDER = "(image omitted: model does not support images)";
const TOOL_IMAGE_PLACEHOLDER = "(tool image omitted: model does not support images)";

/** Lone UTF-16 surrogates removed (pi-ai's `sanitizeSurrogates`): providers reject them in JSON. */
export function sanitizeSurrogates(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

function mapParts(parts: Array<PiText | PiImage>, vision: boolean, placeholder: string): Array<TextContent | ImageContent> {
  const out: Array<TextContent | ImageContent> = [];
  let lastWasPlaceholder = false;
  for (const part of parts) {
    if (part.type === "image") {
      if (vision) out.push({ type: "image", data: part.data, mimeType: part.mimeType });
      else if (!lastWasPlaceholder) out.push({ type: "text", text: placeholder });
      lastWasPlaceholder = !vision;
      continue;
    }
    out.push({ type: "text", text: sanitizeSurrogates(part.text) });
    lastWasPlaceholder = part.text === placeholder;
  }
  return out;
}

function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * pi-ai's thinking block → what streambed sends. Same model (provider, api and id equal): redacted
 * reasoning (`redacted: true`, payload base64 in `thinkingSignature`) goes back as Bedrock's
 * `redactedContent`; signed reasoning as it is; unsigned reasoning becomes text for Claude (pi-ai's
 * fallback: Bedrock rejects unsigned reasoning there) and is left out for other models (Nova,
 * DeepSeek reject reasoning in a request). Another model's reasoning: its text as a text block
 * (pi-ai's `transformMessages`), redacted reasoning dropped.
 */
function mapThinking(block: { thinking: string; thinkingSignature?: string; redacted?: boolean }, sameModel: boolean, claude: boolean): TextContent | ThinkingContent | undefined {
  if (block.redacted) {
    return sameModel && block.thinkingSignature ? { type: "thinking", thinking: "", redacted: base64ToBytes(block.thinkingSignature) } : undefined;
  }
  const text = sanitizeSurrogates(block.thinking);
  if (sameModel && block.thinkingSignature) return { type: "thinking", thinking: text, thinkingSignature: block.thinkingSignature };
  if (text.trim() === "") return undefined;
  if (!sameModel || claude) return { type: "text", text };
  return undefined;
}

/**
 * pi-ai's `Context.messages` → streambed's messages, with pi-ai's own transformations: images
 * become its placeholder text for a model without image input, another model's reasoning becomes
 * text, lone surrogates are removed. What pi-ai's `transformMessages` repairs besides (errored and
 * aborted turns left out, calls without a result answered "No result provided") streambed's
 * request builder does the same way (docs/request-mapping.md, "Tool calls and their results").
 */
export function contextToMessages(context: Context, model: Model<Api>): Message[] {
  const vision = model.input.includes("image");
  const claude = isClaude(model);
  const out: Message[] = [];
  for (const message of context.messages) {
    if (message.role === "user") {
      out.push({
        role: "user",
        content: typeof message.content === "string" ? sanitizeSurrogates(message.content) : mapParts(message.content, vision, USER_IMAGE_PLACEHOLDER),
      });
    } else if (message.role === "toolResult") {
      out.push({
        role: "toolResult",
        toolCallId: message.toolCallId,
        toolName: message.toolName,
        content: mapParts(message.content, vision, TOOL_IMAGE_PLACEHOLDER),
        isError: message.isError,
      });
    } else {
      const sameModel = message.provider === model.provider && message.api === model.api && message.model === model.id;
      const content: Array<TextContent | ThinkingContent | ToolCall> = [];
      for (const block of message.content) {
        if (block.type === "text") content.push({ type: "text", text: sanitizeSurrogates(block.text) });
        else if (block.type === "toolCall") content.push({ type: "toolCall", id: block.id, name: block.name, arguments: block.arguments });
        else {
          const mapped = mapThinking(block, sameModel, claude);
          if (mapped) content.push(mapped);
        }
      }
      out.push({ role: "assistant", content, stopReason: message.stopReason });
    }
  }
  return out;
}

/** pi-ai's tools → streambed's (`parameters` is the TypeBox schema: JSON Schema). */
export function contextTools(context: Context): Tool[] | undefined {
  if (!context.tools?.length) return undefined;
  return context.tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters as unknown as Record<string, unknown> }));
}
