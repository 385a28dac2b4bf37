/**
 * The JSON request body of Bedrock's Converse and ConverseStream operations (the model id goes in
 * the URL path). Field names and shapes are Bedrock's own (bedrock-runtime 2023-09-30); binary
 * fields (`bytes`, `redactedContent`) are base64 strings, as in any AWS JSON body.
 */
// A type alias, not an interface, so that it is assignable to Record<string, unknown>.
export type ConverseBody = {
  /** Required by Bedrock except with a Prompt management prompt (then it is appended to the prompt). */
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: BedrockInferenceConfig;
  toolConfig?: BedrockToolConfig;
  guardrailConfig?: BedrockGuardrailConfig;
  additionalModelRequestFields?: Record<string, unknown>;
  requestMetadata?: Record<string, string>;
  performanceConfig?: { latency: "standard" | "optimized" };
  serviceTier?: { type: "priority" | "default" | "flex" | "reserved" };
  outputConfig?: BedrockOutputConfig;
  additionalModelResponseFieldPaths?: string[];
  promptVariables?: Record<string, { text: string }>;
};

/** `outputConfig`: structured output as a JSON schema (the schema travels as a JSON string). */
export interface BedrockOutputConfig {
  textFormat: { type: "json_schema"; structure: { jsonSchema: { schema: string; name?: string; description?: string } } };
}

/** An S3 object as a media source. */
export interface BedrockS3Location {
  uri: string;
  bucketOwner?: string;
}

/** A media source: bytes (base64) or an S3 object. */
export type BedrockMediaSource = { bytes: string } | { s3Location: BedrockS3Location };

export interface BedrockMessage {
  role: "user" | "assistant";
  content: BedrockContentBlock[];
}

export type BedrockSystemBlock = { text: string } | { cachePoint: BedrockCachePoint };

/** `ttl` is `5m` (the default when omitted) or `1h`. */
export interface BedrockCachePoint {
  type: "default";
  ttl?: "5m" | "1h";
}

export type BedrockImageFormat = "jpeg" | "png" | "gif" | "webp";

export interface BedrockImageBlock {
  format: BedrockImageFormat;
  source: BedrockMediaSource;
}

export interface BedrockDocumentBlock {
  format: "pdf" | "csv" | "doc" | "docx" | "xls" | "xlsx" | "html" | "txt" | "md";
  name: string;
  source: BedrockMediaSource;
  context?: string;
  citations?: { enabled: boolean };
}

export interface BedrockVideoBlock {
  format: "mkv" | "mov" | "mp4" | "webm" | "flv" | "mpeg" | "mpg" | "wmv" | "three_gp";
  source: BedrockMediaSource;
}

export type BedrockToolResultContent =
  | { text: string }
  | { json: unknown }
  | { image: BedrockImageBlock }
  | { document: BedrockDocumentBlock }
  | { video: BedrockVideoBlock };

export interface BedrockToolResultBlock {
  toolUseId: string;
  content: BedrockToolResultContent[];
  /** Only Claude (3 and later) and Nova accept it. */
  status?: "success" | "error";
}

export type BedrockReasoningContent =
  | { reasoningText: { text: string; signature?: string } }
  | { redactedContent: string };

export type BedrockContentBlock =
  | { text: string }
  | { image: BedrockImageBlock }
  | { document: BedrockDocumentBlock }
  | { video: BedrockVideoBlock }
  | { toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } }
  | { toolResult: BedrockToolResultBlock }
  | { reasoningContent: BedrockReasoningContent }
  | { cachePoint: BedrockCachePoint };

export interface BedrockInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface BedrockToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> }; strict?: boolean };
}

export type BedrockToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export interface BedrockToolConfig {
  tools: Array<BedrockToolSpec | { cachePoint: BedrockCachePoint }>;
  toolChoice?: BedrockToolChoice;
}

/** `streamProcessingMode` exists on ConverseStream only (GuardrailStreamConfiguration). */
export interface BedrockGuardrailConfig {
  guardrailIdentifier: string;
  guardrailVersion: string;
  trace?: "enabled" | "disabled" | "enabled_full";
  streamProcessingMode?: "sync" | "async";
}
