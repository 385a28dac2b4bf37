import { coralErrorType, errorFromCoralBody } from "../errors/coral-error.js";
import { InvalidResponseError } from "../errors/service-errors.js";
import type { AssistantMessage, Model, TextContent, ThinkingContent, ToolCall } from "../types/index.js";
import { decodeBase64 } from "./decode-base64.js";
import type { BedrockContentBlock, BedrockConverseResponse } from "./bedrock-types.js";
import { computeUsage } from "./compute-usage.js";
import { applyStopReason } from "./map-stop-reason.js";
import { applyReplyExtras, readCitation } from "./read-reply-extras.js";
import { newAssistantMessage, type MalformedToolCall } from "./normalise-stream.js";

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function appendText(message: AssistantMessage, text: string): void {
  message.content.push({ type: "text", text });
}

function toolCall(block: NonNullable<BedrockContentBlock["toolUse"]>): ToolCall {
  const call: ToolCall = {
    type: "toolCall",
    id: typeof block.toolUseId === "string" ? block.toolUseId : "",
    name: typeof block.name === "string" ? block.name : "",
    arguments: {},
  };
  const input = block.input;
  if (isObject(input)) call.arguments = input;
  else if (input !== undefined && input !== null) (call as MalformedToolCall).rawArguments = typeof input === "string" ? input : JSON.stringify(input);
  return call;
}

function thinking(block: NonNullable<BedrockContentBlock["reasoningContent"]>): ThinkingContent | undefined {
  const reasoningText = block.reasoningText;
  if (isObject(reasoningText)) {
    const out: ThinkingContent = { type: "thinking", thinking: typeof reasoningText.text === "string" ? reasoningText.text : "" };
    if (typeof reasoningText.signature === "string") out.thinkingSignature = reasoningText.signature;
    return out;
  }
  if (typeof block.redactedContent === "string") return { type: "thinking", thinking: "", redacted: decodeBase64(block.redactedContent) };
  return undefined;
}

/**
 * A Converse (non-streaming) response body → the same final {@link AssistantMessage} that
 * `normaliseStream` ends with (`done.message`): text, reasoning (with signature / redacted bytes),
 * tool calls, usage and cost, stop reason (mapped, raw kept), model id, api, provider, timestamp.
 *
 * `citationsContent` becomes a text block (its generated text) carrying its `citations`;
 * `serviceTier` and `additionalModelResponseFields` go on the message; other block kinds are skipped. A tool
 * call whose `input` is not a JSON object gets `arguments: {}` and `rawArguments`.
 * A Coral error body (`{"Output":{"__type":"…#UnknownOperationException"},"Version":"1.0"}`, sent
 * with HTTP 200 when Bedrock's front end could not route the request) throws its typed error
 * (`UnknownOperationError` naming Converse and `options.path`); any other body without an
 * `output.message.content` array throws {@link InvalidResponseError}.
 */
export function parseConverseResponse(
  json: unknown,
  model: Model,
  options: { now?: () => number; requestId?: string; status?: number; path?: string } = {},
): AssistantMessage {
  const body = json as BedrockConverseResponse;
  const content = isObject(body) && isObject(body.output) && isObject(body.output.message) ? body.output.message.content : undefined;
  if (!Array.isArray(content)) {
    const coral = coralErrorType(json);
    if (coral !== undefined) {
      throw errorFromCoralBody(coral, { operation: "Converse", path: options.path, status: options.status ?? 200, requestId: options.requestId, modelId: model.id });
    }
    throw new InvalidResponseError(
      `The Converse response has no output.message.content${options.requestId ? ` (request ${options.requestId})` : ""}. The endpoint is not speaking Bedrock's protocol (a proxy or a non-Bedrock server?); check the endpoint URL.`,
      { requestId: options.requestId },
    );
  }
  const message = newAssistantMessage(model, options.now);
  for (const block of content) {
    if (!isObject(block)) continue;
    if (typeof block.text === "string") appendText(message, block.text);
    else if (isObject(block.toolUse)) message.content.push(toolCall(block.toolUse));
    else if (isObject(block.reasoningContent)) {
      const t = thinking(block.reasoningContent);
      if (t !== undefined) message.content.push(t);
    } else if (isObject(block.citationsContent) && Array.isArray(block.citationsContent.content)) {
      let text = "";
      for (const part of block.citationsContent.content) if (isObject(part) && typeof part.text === "string") text += part.text;
      appendText(message, text);
      const cited = Array.isArray(block.citationsContent.citations) ? block.citationsContent.citations.flatMap((c) => readCitation(c) ?? []) : [];
      if (cited.length > 0) (message.content[message.content.length - 1] as TextContent).citations = cited;
    }
  }
  applyReplyExtras(message, body);
  applyStopReason(message, typeof body.stopReason === "string" ? body.stopReason : undefined);
  message.usage = computeUsage(isObject(body.usage) ? body.usage : undefined, model);
  return message;
}
