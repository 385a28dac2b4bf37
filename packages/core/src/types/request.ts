import type { CachePointContent, Message, Tool } from "./messages.js";
import type { Model } from "./model.js";

/** Reasoning effort. `off` sends nothing; a budget is in tokens. */
export type ReasoningLevel = "off" | "minimal" | "low" | "medium" | "high" | { budgetTokens: number };

/** How the model may use tools. */
export type ToolChoice = "auto" | "any" | "none" | { tool: string };

/** Prompt caching: `short` = Bedrock's default 5-minute cache points, `long` = ttl 1h. */
export type CacheRetention = "none" | "short" | "long";

/** Bedrock guardrail configuration (`guardrailConfig`). */
export interface GuardrailOptions {
  guardrailIdentifier: string;
  guardrailVersion: string;
  trace?: "enabled" | "disabled" | "enabled_full";
  /** Streaming only: "sync" (default) or "async". */
  streamProcessingMode?: "sync" | "async";
}

/**
 * Structured output (Converse `outputConfig.textFormat`): the model's text answer is JSON that
 * matches `schema` (a JSON Schema object). The final message carries the parsed value as `parsed`.
 */
export interface ResponseFormat {
  type: "json";
  /** A JSON Schema object (Bedrock supports a subset of draft 2020-12). */
  schema: Record<string, unknown>;
  /** The schema's name (shown to the model). */
  name?: string;
  /** What the schema is for (shown to the model). */
  description?: string;
}

/** Bedrock's service tiers (`serviceTier.type`); Bedrock's default is `default` (Standard). */
export type ServiceTier = "priority" | "default" | "flex" | "reserved";

/**
 * Anthropic beta flags sent as `additionalModelRequestFields.anthropic_beta` (Claude only). The
 * known ones are typed; any other flag string is passed as it is.
 */
export type AnthropicBeta = "interleaved-thinking-2025-05-14" | "context-1m-2025-08-07" | "token-efficient-tools-2025-02-19" | (string & {});

/**
 * Called with the exact Converse body (after every other option) and the resolved model; what it
 * returns (a JSON object) is sent instead. Return `undefined` to send the body as it is (it may
 * have been changed in place). May be async.
 */
export type PayloadHook = (body: Record<string, unknown>, model: Model) => unknown | Promise<unknown>;

/** Everything one `stream()` or `complete()` call accepts. */
export interface StreamRequest {
  /**
   * `"amazon-bedrock/<id>"`, a bare id, an inference-profile id, an ARN, or a {@link Model}. A
   * Prompt management prompt-version ARN (`arn:aws:bedrock:…:prompt/ID:1`) runs that prompt (see
   * `promptVariables`). Default: config's `agents.defaults.model.primary`.
   */
  model?: string | Model;
  /** System prompt: text parts, and `{ type: "cachePoint", ttl? }` markers where a cache point goes. */
  system?: string | Array<string | CachePointContent>;
  /** The conversation. May be empty only when `model` is a Prompt management prompt. */
  messages: Message[];
  /** Tools, and `{ type: "cachePoint", ttl? }` where a cache point goes (e.g. last, to cache every tool). */
  tools?: Array<Tool | CachePointContent>;
  toolChoice?: ToolChoice;
  reasoning?: ReasoningLevel;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  cache?: CacheRetention;
  /** Force cache points on (true) or off (false) regardless of what streambed knows about the model. */
  forceCache?: boolean;
  signal?: AbortSignal;
  additionalModelRequestFields?: Record<string, unknown>;
  guardrail?: GuardrailOptions;
  requestMetadata?: Record<string, string>;
  performanceConfig?: { latency: "standard" | "optimized" };
  /** Structured output: the answer is JSON matching the schema; `done.message.parsed` holds it. */
  responseFormat?: ResponseFormat;
  /** Bedrock's service tier for this call (`serviceTier: { type }`); the tier used comes back as `message.serviceTier`. */
  serviceTier?: ServiceTier;
  /** Anthropic beta flags (Claude only), e.g. `["context-1m-2025-08-07"]` or `["interleaved-thinking-2025-05-14"]`. */
  anthropicBeta?: AnthropicBeta[];
  /** JSON Pointers (`/stop_sequence`) of model response fields to return in `message.additionalModelResponseFields` (at most 10). */
  additionalModelResponseFieldPaths?: string[];
  /** Values for a Prompt management prompt's variables (`model` is the prompt ARN): `{ topic: "rivers" }`. */
  promptVariables?: Record<string, string | { text: string }>;
  /** Top-level fields merged into the Converse body after everything else (a field Bedrock added before streambed knows it). */
  extraBody?: Record<string, unknown>;
  /** Last look at the exact body before it is signed and sent (applied after `extraBody`); see {@link PayloadHook}. */
  onPayload?: PayloadHook;
}
