/**
 * The shapes of Bedrock's ConverseStream events and Converse response, as JSON on the wire (the
 * subset streambed reads; every field optional because nothing from the network is trusted).
 * Source: the Bedrock Runtime API reference (ConverseStreamOutput, Converse).
 */

/** `metadata.usage` / Converse `usage` (TokenUsage). */
export interface BedrockUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  /** Cache writes per ttl: `[{ ttl: "5m" | "1h", inputTokens }]`. */
  cacheDetails?: Array<{ ttl?: string; inputTokens?: number }>;
}

/** `contentBlockDelta.delta.reasoningContent`: exactly one member is set. */
export interface BedrockReasoningDelta {
  text?: string;
  signature?: string;
  /** Base64 in JSON. */
  redactedContent?: string;
}

export interface BedrockContentBlockDelta {
  text?: string;
  toolUse?: { input?: string };
  reasoningContent?: BedrockReasoningDelta;
  citation?: unknown;
  toolResult?: unknown;
  image?: unknown;
}

export interface BedrockContentBlockDeltaEvent {
  contentBlockIndex?: number;
  delta?: BedrockContentBlockDelta;
}

export interface BedrockContentBlockStartEvent {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string; type?: string }; toolResult?: unknown; image?: unknown };
}

export interface BedrockMessageStopEvent {
  stopReason?: string;
  additionalModelResponseFields?: unknown;
}

export interface BedrockMetadataEvent {
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
  trace?: unknown;
  serviceTier?: { type?: string };
}

/** One block of a Converse (non-streaming) response message. */
export interface BedrockContentBlock {
  text?: string;
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  reasoningContent?: { reasoningText?: { text?: string; signature?: string }; redactedContent?: string };
  citationsContent?: { content?: Array<{ text?: string }>; citations?: unknown[] };
}

/** The Converse (non-streaming) response body. */
export interface BedrockConverseResponse {
  output?: { message?: { role?: string; content?: BedrockContentBlock[] } };
  stopReason?: string;
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
  additionalModelResponseFields?: unknown;
  serviceTier?: { type?: string };
}
