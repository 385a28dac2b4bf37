import type { Message, Tool } from "./messages.js";
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

/** Everything one `stream()` or `complete()` call accepts. */
export interface StreamRequest {
  /** `"amazon-bedrock/<id>"`, a bare id, an inference-profile id, an ARN, or a {@link Model}. Default: config's `agents.defaults.model.primary`. */
  model?: string | Model;
  system?: string | string[];
  messages: Message[];
  tools?: Tool[];
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
}
