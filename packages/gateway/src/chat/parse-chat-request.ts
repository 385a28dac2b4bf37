import type { StreamRequest } from "@streambed/core";
import { invalidField } from "../errors/gateway-error.js";
import { absent, arrayAt, booleanAt, numberAt, objectAt, stringAt } from "../http/json-fields.js";
import { jsonSchemaFormat, reasoningOf, serviceTierOf, userMetadataOf } from "../http/request-fields.js";
import type { RemoteImageOptions } from "./image-source.js";
import { mapChatMessages } from "./map-chat-messages.js";
import { mapToolChoice, mapTools } from "./map-tools.js";
import { checkNeutralFields } from "./neutral-fields.js";

/** A chat completions request, read and checked. */
export interface ChatCall {
  /** The model as the client named it (echoed in replies). */
  model: string;
  stream: boolean;
  /** `stream_options.include_usage`: a last chunk with the usage. */
  includeUsage: boolean;
  /** The streambed request (no `model`, no `signal`: the caller adds them). */
  request: Omit<StreamRequest, "model" | "signal">;
}

/** Fields a chat completions request may carry; any other is refused (it might change the answer). */
const CHAT_FIELDS = new Set([
  "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "user",
  "tools", "tool_choice", "parallel_tool_calls", "reasoning_effort", "response_format", "n",
  // Neutral: accepted when they ask for nothing the gateway would have to do (see neutral-fields.ts).
  "store", "metadata", "seed", "prompt_cache_key", "safety_identifier", "service_tier", "logprobs", "top_logprobs",
  "frequency_penalty", "presence_penalty", "logit_bias", "modalities",
]);


function stopSequences(value: unknown): string[] | undefined {
  if (absent(value)) return undefined;
  if (typeof value === "string") return [value];
  const list = arrayAt(value, "stop").map((s, i) => stringAt(s, `stop[${i}]`));
  if (list.length > 4) throw invalidField("stop", `at most 4 stop sequences, got ${list.length}.`);
  return list;
}

function maxTokens(body: Record<string, unknown>): number | undefined {
  const a = absent(body.max_completion_tokens) ? undefined : numberAt(body.max_completion_tokens, "max_completion_tokens", 1, 1_000_000, true);
  const b = absent(body.max_tokens) ? undefined : numberAt(body.max_tokens, "max_tokens", 1, 1_000_000, true);
  return a ?? b;
}

/**
 * Reads a `POST /v1/chat/completions` body into a streambed request. Each field is checked; what
 * Bedrock cannot do, or what would change the answer if ignored (`n > 1`, `parallel_tool_calls:
 * false`, an unknown field), is a 400 naming the field. Images given by data URL are decoded;
 * http(s) image URLs are fetched only when `remote` is given.
 */
export async function parseChatRequest(raw: unknown, remote: RemoteImageOptions | undefined, signal: AbortSignal): Promise<ChatCall> {
  const body = objectAt(raw, "body");
  for (const key of Object.keys(body)) {
    if (!CHAT_FIELDS.has(key)) throw invalidField(key, "this field is not supported by the gateway, and ignoring it could change the answer. Remove it.", "unsupported_parameter");
  }
  checkNeutralFields(body);
  const model = stringAt(body.model, "model");
  if (model === "") throw invalidField("model", "a model id is needed (GET /v1/models lists them).");
  if (!absent(body.n) && numberAt(body.n, "n", 1, 128, true) !== 1) throw invalidField("n", "only n = 1 is supported: Bedrock gives one answer per call. Make several requests instead.", "unsupported_parameter");
  if (!absent(body.parallel_tool_calls) && !booleanAt(body.parallel_tool_calls, "parallel_tool_calls")) {
    throw invalidField("parallel_tool_calls", "false is not supported: Bedrock's Converse API cannot forbid parallel tool calls.", "unsupported_parameter");
  }
  const stream = absent(body.stream) ? false : booleanAt(body.stream, "stream");
  let includeUsage = false;
  if (!absent(body.stream_options)) {
    const options = objectAt(body.stream_options, "stream_options");
    if (!stream) throw invalidField("stream_options", "only allowed when stream is true.");
    includeUsage = absent(options.include_usage) ? false : booleanAt(options.include_usage, "stream_options.include_usage");
  }
  const format = absent(body.response_format) ? undefined : objectAt(body.response_format, "response_format");
  const structured = format
    ? jsonSchemaFormat(format, "response_format", format.type === "json_schema" ? objectAt(format.json_schema, "response_format.json_schema") : format, "response_format.json_schema")
    : undefined;
  const tier = serviceTierOf(body.service_tier);
  const { system, messages } = await mapChatMessages(body.messages, remote, signal);
  const tools = mapTools(body.tools);
  const request: ChatCall["request"] = { messages };
  if (structured) request.responseFormat = structured;
  if (tier) request.serviceTier = tier;
  if (system.length > 0) request.system = system;
  if (tools && tools.length > 0) request.tools = tools;
  const toolChoice = mapToolChoice(body.tool_choice, tools);
  if (toolChoice !== undefined && toolChoice !== "none" && !request.tools) throw invalidField("tool_choice", "needs tools.");
  if (toolChoice !== undefined && request.tools) request.toolChoice = toolChoice;
  const limit = maxTokens(body);
  if (limit !== undefined) request.maxTokens = limit;
  if (!absent(body.temperature)) request.temperature = numberAt(body.temperature, "temperature", 0, 2);
  if (!absent(body.top_p)) request.topP = numberAt(body.top_p, "top_p", 0, 1);
  const stop = stopSequences(body.stop);
  if (stop && stop.length > 0) request.stopSequences = stop;
  if (!absent(body.reasoning_effort)) request.reasoning = reasoningOf(body.reasoning_effort, "reasoning_effort");
  const metadata = absent(body.user) ? undefined : userMetadataOf(body.user);
  if (metadata) request.requestMetadata = metadata;
  return { model, stream, includeUsage, request };
}
