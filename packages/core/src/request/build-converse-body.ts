import { partitionOf } from "../endpoint/partitions.js";
import type { GuardrailOptions, Model, StreamRequest } from "../types/index.js";
import type { BedrockGuardrailConfig, BedrockInferenceConfig, BedrockSystemBlock, ConverseBody } from "./converse-body.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";
import { mapAnthropicBeta } from "./map-anthropic-beta.js";
import { mapCachePoint } from "./map-cache-point.js";
import { checkPromptRequest, checkResponseFieldPaths, isPromptArn, mapPromptVariables, mapServiceTier } from "./map-converse-options.js";
import { mapMessages } from "./map-messages.js";
import { planReasoning, type ReasoningPlan } from "./map-reasoning.js";
import { checkStrictTools, mapResponseFormat } from "./map-response-format.js";
import { mapTools } from "./map-tools.js";
import { familyOfModel, type ModelFamily } from "./model-family.js";
import { placeCachePoints } from "./place-cache-points.js";
import { samplingRule, type SamplingRule } from "./sampling-rule.js";

/** Options of {@link buildConverseBody}. */
export interface BuildConverseBodyOptions {
  /** ConverseStream (true) or Converse (false, the default): only ConverseStream takes `guardrailConfig.streamProcessingMode`. */
  streaming?: boolean;
  /** The region the call is signed for: in GovCloud (`us-gov-*`) Bedrock rejects `thinking.display`, so streambed does not add it there. */
  region?: string;
}

/**
 * The JSON body Bedrock's Converse and ConverseStream take for `request` sent to `model` (the
 * model id goes in the URL path, not here). Pure and synchronous; validates everything it can
 * and throws an InvalidRequestError naming the path (`messages[1].content[0]`, `toolChoice.tool`,
 * `temperature` …) and what to do, before any network call. The mapping, per field and model
 * family, is in docs/request-mapping.md.
 */
export function buildConverseBody(request: StreamRequest, model: Model, options: BuildConverseBodyOptions = {}): ConverseBody {
  if (!isPlainObject(request)) invalidRequest("request", `expected a request object, got ${describeValue(request)}.`);
  if (!isPlainObject(model) || typeof model.id !== "string" || model.id === "") invalidRequest("model", "a model with a non-empty `id` is needed.");
  const family = familyOfModel(model);
  const prompt = isPromptArn(model.id);
  if (prompt) checkPromptRequest(request);
  const tools = mapTools(request.tools, request.toolChoice);
  checkStrictTools(tools.strict, model);
  const promptOnly = prompt && (request.messages === undefined || (Array.isArray(request.messages) && request.messages.length === 0));
  const messages = promptOnly ? [] : mapMessages(request.messages, { model, family, toolsActive: tools.toolConfig !== undefined });
  const system = mapSystem(request.system);
  const maxTokens = checkMaxTokens(request.maxTokens);
  const displaySupported = options.region === undefined || partitionOf(options.region).id !== "aws-us-gov";
  const reasoning = prompt ? PROMPT_REASONING : planReasoning(request.reasoning, model, family, { maxTokens, forcesTool: tools.forcesTool, displaySupported });
  const userFields = request.additionalModelRequestFields;
  if (userFields !== undefined && !isPlainObject(userFields)) {
    invalidRequest("additionalModelRequestFields", `expected an object of model-specific fields, got ${describeValue(userFields)}.`);
  }
  const fields: Record<string, unknown> = { ...reasoning.fields, ...userFields };
  const betas = mapAnthropicBeta(request.anthropicBeta, family, userFields);
  if (betas !== undefined) fields.anthropic_beta = betas;
  const inferenceConfig = prompt ? undefined : mapInferenceConfig(request, maxTokens, reasoning, claudeThinkingOn(family, reasoning, fields), samplingRule(model, family));

  const body: ConverseBody = { messages };
  if (system.length > 0) body.system = system;
  if (inferenceConfig !== undefined) body.inferenceConfig = inferenceConfig;
  if (tools.toolConfig !== undefined) body.toolConfig = tools.toolConfig;
  if (request.guardrail !== undefined) body.guardrailConfig = mapGuardrail(request.guardrail, options.streaming === true);
  if (Object.keys(fields).length > 0) body.additionalModelRequestFields = fields;
  if (request.requestMetadata !== undefined) body.requestMetadata = checkRequestMetadata(request.requestMetadata);
  if (request.performanceConfig !== undefined) body.performanceConfig = checkPerformanceConfig(request.performanceConfig);
  const serviceTier = mapServiceTier(request.serviceTier);
  if (serviceTier !== undefined) body.serviceTier = serviceTier;
  const outputConfig = mapResponseFormat(request.responseFormat, model);
  if (outputConfig !== undefined) body.outputConfig = outputConfig;
  const paths = checkResponseFieldPaths(request.additionalModelResponseFieldPaths);
  if (paths !== undefined) body.additionalModelResponseFieldPaths = paths;
  const variables = mapPromptVariables(request.promptVariables, model.id);
  if (variables !== undefined) body.promptVariables = variables;
  if (!prompt) placeCachePoints(body, request, model);
  return body;
}

/** With a prompt ARN, the prompt holds the model settings: streambed adds no reasoning fields. */
const PROMPT_REASONING: ReasoningPlan = { fields: {}, claudeThinking: false, maxTokens: undefined, omitSampling: false };

/** `system`: text parts (blank ones dropped: Bedrock rejects them) and `{ type: "cachePoint", ttl? }` markers. */
function mapSystem(system: StreamRequest["system"]): BedrockSystemBlock[] {
  if (system === undefined) return [];
  const parts = typeof system === "string" ? [system] : system;
  if (!Array.isArray(parts)) invalidRequest("system", `expected a string or an array of strings and cache points, got ${describeValue(system)}.`);
  return parts.flatMap((part, i): BedrockSystemBlock[] => {
    if (isPlainObject(part) && part.type === "cachePoint") return [{ cachePoint: mapCachePoint(part, `system[${i}]`) }];
    if (typeof part !== "string") invalidRequest(`system[${i}]`, `expected a string or { type: "cachePoint", ttl? }, got ${describeValue(part)}.`);
    return part.trim() === "" ? [] : [{ text: part }];
  });
}

function checkMaxTokens(maxTokens: unknown): number | undefined {
  if (maxTokens === undefined) return undefined;
  if (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1) {
    invalidRequest("maxTokens", `expected a positive whole number of tokens, got ${describeValue(maxTokens)}.`);
  }
  return maxTokens;
}

function checkUnit(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    invalidRequest(path, `expected a number from 0 to 1 (Bedrock's range), got ${describeValue(value)}.`);
  }
  return value;
}

/** Claude thinking on, whether streambed turned it on or the caller did through `additionalModelRequestFields.thinking`. */
function claudeThinkingOn(family: ModelFamily, reasoning: ReasoningPlan, fields: Record<string, unknown>): boolean {
  if (family !== "claude" && family !== "claude-adaptive") return false;
  const thinking = fields.thinking;
  if (!isPlainObject(thinking)) return reasoning.claudeThinking;
  return thinking.type === "enabled" || thinking.type === "adaptive";
}

/**
 * `inferenceConfig`. Sampling values a model would reject with a 400 are left out, so one request
 * works across models and with reasoning on or off: with Claude thinking on, a `temperature` other
 * than 1 and a `topP` below 0.95 (Anthropic's rule); then the model's {@link SamplingRule}.
 */
function mapInferenceConfig(request: StreamRequest, maxTokens: number | undefined, reasoning: ReasoningPlan, thinking: boolean, sampling: SamplingRule): BedrockInferenceConfig | undefined {
  let temperature = checkUnit(request.temperature, "temperature");
  let topP = checkUnit(request.topP, "topP");
  const stop = request.stopSequences;
  if (stop !== undefined && !Array.isArray(stop)) invalidRequest("stopSequences", `expected an array of strings, got ${describeValue(stop)}.`);
  stop?.forEach((s, i) => {
    if (typeof s !== "string" || s === "") invalidRequest(`stopSequences[${i}]`, `expected a non-empty string, got ${describeValue(s)}.`);
  });
  let tokens = reasoning.maxTokens ?? maxTokens;
  if (thinking && temperature !== 1) temperature = undefined;
  if (thinking && topP !== undefined && topP < 0.95) topP = undefined;
  if (sampling === "none") temperature = topP = undefined;
  if (sampling === "either" && temperature !== undefined) topP = undefined;
  if (reasoning.omitSampling) tokens = temperature = topP = undefined;
  const config: BedrockInferenceConfig = {};
  if (tokens !== undefined) config.maxTokens = tokens;
  if (temperature !== undefined) config.temperature = temperature;
  if (topP !== undefined) config.topP = topP;
  if (stop !== undefined && stop.length > 0) config.stopSequences = stop;
  return Object.keys(config).length > 0 ? config : undefined;
}

function mapGuardrail(guardrail: GuardrailOptions, streaming: boolean): BedrockGuardrailConfig {
  if (!isPlainObject(guardrail)) invalidRequest("guardrail", `expected { guardrailIdentifier, guardrailVersion, … }, got ${describeValue(guardrail)}.`);
  const { guardrailIdentifier, guardrailVersion, trace, streamProcessingMode } = guardrail;
  if (typeof guardrailIdentifier !== "string" || guardrailIdentifier === "") invalidRequest("guardrail.guardrailIdentifier", "the guardrail's id or ARN is needed.");
  if (typeof guardrailVersion !== "string" || guardrailVersion === "") invalidRequest("guardrail.guardrailVersion", 'the guardrail version is needed ("DRAFT" or a number such as "1").');
  if (trace !== undefined && trace !== "enabled" && trace !== "disabled" && trace !== "enabled_full") {
    invalidRequest("guardrail.trace", `expected "enabled", "disabled" or "enabled_full", got ${describeValue(trace)}.`);
  }
  if (streamProcessingMode !== undefined && streamProcessingMode !== "sync" && streamProcessingMode !== "async") {
    invalidRequest("guardrail.streamProcessingMode", `expected "sync" or "async", got ${describeValue(streamProcessingMode)}.`);
  }
  const config: BedrockGuardrailConfig = { guardrailIdentifier, guardrailVersion };
  if (trace !== undefined) config.trace = trace;
  if (streaming && streamProcessingMode !== undefined) config.streamProcessingMode = streamProcessingMode;
  return config;
}

function checkRequestMetadata(metadata: unknown): Record<string, string> {
  if (!isPlainObject(metadata)) invalidRequest("requestMetadata", `expected an object of string values, got ${describeValue(metadata)}.`);
  const keys = Object.keys(metadata);
  if (keys.length > 16) invalidRequest("requestMetadata", `Bedrock takes at most 16 entries, got ${keys.length}.`);
  for (const key of keys) {
    if (key.length > 256) invalidRequest(`requestMetadata.${key.slice(0, 20)}…`, "keys are at most 256 characters.");
    const value = metadata[key];
    if (typeof value !== "string" || value.length > 256) invalidRequest(`requestMetadata.${key}`, `expected a string of at most 256 characters, got ${describeValue(value)}.`);
  }
  return { ...(metadata as Record<string, string>) };
}

function checkPerformanceConfig(config: unknown): { latency: "standard" | "optimized" } {
  if (!isPlainObject(config) || (config.latency !== "standard" && config.latency !== "optimized")) {
    invalidRequest("performanceConfig.latency", `expected "standard" or "optimized", got ${describeValue(isPlainObject(config) ? config.latency : config)}.`);
  }
  return { latency: config.latency };
}
