import type { Api, BedrockOptions, Context, Model, ProviderResponse } from "@mariozechner/pi-ai";
import type { StreamRequest } from "streambed";
import { callTarget } from "./call-target.js";
import type { ClientSettings } from "./client-settings.js";
import { contextToMessages, contextTools, sanitizeSurrogates } from "./context-to-messages.js";
import { piAiPlacesCachePoints } from "./model-traits.js";
import { PiAiOptionError } from "./option-error.js";
import { thinkingFields } from "./thinking-fields.js";

/** pi-ai's placeholder API key for Bedrock: "AWS credentials are in the environment" (`getEnvApiKey`). */
export const AUTHENTICATED_PLACEHOLDER = "<authenticated>";

/** Every option of pi-ai's `BedrockOptions` (with `StreamOptions`) and `SimpleStreamOptions`. */
const KNOWN_OPTIONS = new Set([
  "temperature", "maxTokens", "signal", "apiKey", "transport", "cacheRetention", "sessionId", "onPayload", "onResponse", "headers",
  "timeoutMs", "maxRetries", "maxRetryDelayMs", "metadata", "region", "profile", "toolChoice", "reasoning", "thinkingBudgets",
  "interleavedThinking", "thinkingDisplay", "requestMetadata", "bearerToken",
]);

/** What the provider's own streambed options configure (`bedrock.region`, `bedrock.endpoint`). */
export interface ProviderDefaults {
  region?: string | undefined;
  endpoint?: string | undefined;
}

/** One pi-ai call in streambed's terms. */
export interface StreambedCall {
  /** The request for `BedrockClient.stream()` (the model object included). */
  request: StreamRequest;
  /** The client the call needs. */
  client: ClientSettings;
  /** pi-ai's `onResponse`, called with the status and headers of the ConverseStream response. */
  onResponse?: (response: ProviderResponse) => void | Promise<void>;
}

function checkKnown(options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if (options[key] !== undefined && !KNOWN_OPTIONS.has(key)) {
      throw new PiAiOptionError(key, "not an option of pi-ai's Bedrock provider (BedrockOptions / SimpleStreamOptions); streambed sends nothing for it. Remove it, or pass Bedrock fields through onPayload.");
    }
  }
}

function toolChoice(choice: BedrockOptions["toolChoice"]): StreamRequest["toolChoice"] {
  if (choice === undefined || choice === "auto" || choice === "any" || choice === "none") return choice;
  if (choice && typeof choice === "object" && choice.type === "tool" && typeof choice.name === "string") return { tool: choice.name };
  throw new PiAiOptionError("toolChoice", `expected "auto", "any", "none" or { type: "tool", name }, got ${JSON.stringify(choice)}.`);
}

function requestMetadata(options: BedrockOptions): Record<string, string> | undefined {
  const metadata = options.metadata;
  let merged: Record<string, string> | undefined;
  if (metadata !== undefined) {
    if (metadata === null || typeof metadata !== "object") throw new PiAiOptionError("metadata", "expected an object of string values.");
    for (const [key, value] of Object.entries(metadata)) {
      if (value === undefined) continue;
      if (typeof value !== "string") {
        throw new PiAiOptionError(`metadata.${key}`, `Bedrock takes request metadata as strings only (requestMetadata); got ${typeof value}. Pass it as a string or leave it out.`);
      }
      (merged ??= {})[key] = value;
    }
  }
  return options.requestMetadata === undefined ? merged : { ...merged, ...options.requestMetadata };
}

function client(options: BedrockOptions, region: string | undefined, env: Record<string, string | undefined>): ClientSettings {
  const settings: ClientSettings = {};
  if (region) settings.region = region;
  if (options.profile) settings.profile = options.profile;
  if (env.AWS_BEDROCK_SKIP_AUTH === "1") settings.skipAuth = true;
  else if (options.bearerToken) settings.bearerToken = options.bearerToken;
  if (options.apiKey !== undefined && options.apiKey !== AUTHENTICATED_PLACEHOLDER) {
    throw new PiAiOptionError("apiKey", "pi-ai's Bedrock provider takes no API key here (it ignores the option); pass a Bedrock API key as bearerToken or AWS_BEARER_TOKEN_BEDROCK, or AWS credentials the usual way.");
  }
  if (options.timeoutMs !== undefined) {
    if (!(typeof options.timeoutMs === "number" && options.timeoutMs > 0)) throw new PiAiOptionError("timeoutMs", `expected a positive number of milliseconds, got ${String(options.timeoutMs)}.`);
    settings.firstByteMs = options.timeoutMs;
  }
  if (options.maxRetries !== undefined) {
    if (!(Number.isInteger(options.maxRetries) && options.maxRetries >= 0)) throw new PiAiOptionError("maxRetries", `expected a whole number ≥ 0, got ${String(options.maxRetries)}.`);
    settings.maxAttempts = options.maxRetries + 1;
  }
  if (options.maxRetryDelayMs !== undefined && options.maxRetryDelayMs !== 0) {
    if (!(typeof options.maxRetryDelayMs === "number" && options.maxRetryDelayMs > 0)) throw new PiAiOptionError("maxRetryDelayMs", `expected milliseconds ≥ 0, got ${String(options.maxRetryDelayMs)}.`);
    settings.maxDelayMs = options.maxRetryDelayMs;
  }
  return settings;
}

/**
 * A pi-ai Bedrock call (model, context, `BedrockOptions`) → the streambed request and client
 * settings that do the same. Every option maps or is refused with a {@link PiAiOptionError}
 * naming it; the table is in docs/pi-ai.md. `env` is where pi-ai reads its variables
 * (`AWS_REGION`, `AWS_PROFILE`, `PI_CACHE_RETENTION`, `AWS_BEDROCK_FORCE_CACHE`,
 * `AWS_BEDROCK_SKIP_AUTH`); default `process.env`. `provider`: the region and endpoint the
 * provider's streambed options set (they count as configured for pi-ai's endpoint rule).
 */
export function toStreambedRequest(
  model: Model<Api>,
  context: Context,
  options: BedrockOptions = {},
  env: Record<string, string | undefined> = process.env,
  provider: ProviderDefaults = {},
): StreambedCall {
  checkKnown(options as Record<string, unknown>);
  if (options.transport !== undefined && options.transport !== "sse" && options.transport !== "auto") {
    throw new PiAiOptionError("transport", `Bedrock's ConverseStream is one HTTP response streamed as event-stream frames; there is no "${options.transport}" transport. Use "sse" or "auto" (or leave it unset).`);
  }
  if (options.onPayload !== undefined && typeof options.onPayload !== "function") throw new PiAiOptionError("onPayload", "expected a function (payload, model) => payload | undefined.");
  if (options.onResponse !== undefined && typeof options.onResponse !== "function") throw new PiAiOptionError("onResponse", "expected a function (response, model) => void.");
  const cache = options.cacheRetention ?? (env.PI_CACHE_RETENTION === "long" ? "long" : "short");
  if (cache !== "none" && cache !== "short" && cache !== "long") throw new PiAiOptionError("cacheRetention", `expected "none", "short" or "long", got ${JSON.stringify(cache)}.`);
  const target = callTarget(model, { region: options.region, headers: options.headers, cachePoints: piAiPlacesCachePoints(model, env), defaults: provider }, env);
  const thinking = thinkingFields(model, options, target.region);
  const request: StreamRequest = {
    model: target.model,
    messages: contextToMessages(context, model),
    cache,
  };
  if (context.systemPrompt) request.system = sanitizeSurrogates(context.systemPrompt);
  const tools = contextTools(context);
  if (tools) request.tools = tools;
  const choice = toolChoice(options.toolChoice);
  if (choice !== undefined) request.toolChoice = choice;
  if (options.maxTokens !== undefined) request.maxTokens = options.maxTokens;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.signal) request.signal = options.signal;
  const metadata = requestMetadata(options);
  if (metadata) request.requestMetadata = metadata;
  if (Object.keys(thinking.fields).length > 0) request.additionalModelRequestFields = thinking.fields;
  if (thinking.anthropicBeta.length > 0) request.anthropicBeta = thinking.anthropicBeta;
  const onPayload = options.onPayload;
  if (onPayload) request.onPayload = (body) => onPayload(body, model);
  const call: StreambedCall = { request, client: client(options, target.region, env) };
  const onResponse = options.onResponse;
  if (onResponse) call.onResponse = (response) => onResponse(response, model);
  return call;
}
