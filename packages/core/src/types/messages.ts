/** Plain text. */
export interface TextContent {
  type: "text";
  text: string;
  /** On an answer: the document passages this text cites (documents sent with `citations: true`). */
  citations?: Citation[];
}

/** Where a cited passage is: characters, pages or chunks of the request's `documentIndex`-th document, or a web page. */
export type CitationLocation =
  | { type: "documentChar" | "documentPage" | "documentChunk"; documentIndex?: number; start?: number; end?: number }
  | { type: "web"; url?: string; domain?: string };

/** A citation of the answer: the source passage (`sourceText`) and where it is. */
export interface Citation {
  /** The cited document's title (its `name`). */
  title?: string;
  /** The source as Bedrock names it. */
  source?: string;
  /** The cited passage(s) of the source, joined. */
  sourceText?: string;
  location?: CitationLocation;
}

/** An object in Amazon S3 (Bedrock reads it with the caller's permissions). */
export interface S3Location {
  /** `s3://bucket/key`. */
  uri: string;
  /** The bucket owner's 12-digit account id, when the bucket belongs to another account. */
  bucketOwner?: string;
}

/**
 * A cache point: everything before it (tools → system → messages) is cached. `ttl` is `5m`
 * (Bedrock's default) or `1h` (Claude 4.5 and later); a later cache point may not have a longer
 * ttl than an earlier one.
 */
export interface CachePointContent {
  type: "cachePoint";
  ttl?: "5m" | "1h";
}

/** Image bytes (or base64), or an S3 object. Bedrock accepts jpeg, png, gif and webp. */
export interface ImageContent {
  type: "image";
  /** Raw bytes, or a base64 string. Give `data` or `s3`. */
  data?: Uint8Array | string;
  /** The image in S3 instead of `data`. */
  s3?: S3Location;
  /** "image/jpeg" | "image/png" | "image/gif" | "image/webp". */
  mimeType: string;
}

/** Bedrock's document formats. */
export type DocumentFormat = "pdf" | "csv" | "doc" | "docx" | "xls" | "xlsx" | "html" | "txt" | "md";

/** A document the model reads (pdf, csv, doc, docx, xls, xlsx, html, txt, md). */
export interface DocumentContent {
  type: "document";
  /** Shown to the model; Bedrock allows letters, digits, spaces, hyphens, parentheses, brackets. */
  name: string;
  format: DocumentFormat;
  /** Raw bytes, or a base64 string. Give `data` or `s3`. */
  data?: Uint8Array | string;
  /** The document in S3 instead of `data`. */
  s3?: S3Location;
  /** Let the model cite passages of this document (Claude): the answer's text blocks carry `citations`. */
  citations?: boolean;
  /** Extra context about the document for the model. */
  context?: string;
}

/** Bedrock's video formats (`three_gp` is 3GP). */
export type VideoFormat = "mkv" | "mov" | "mp4" | "webm" | "flv" | "mpeg" | "mpg" | "wmv" | "three_gp";

/** A video the model watches (Nova): bytes or an S3 object. */
export interface VideoContent {
  type: "video";
  format: VideoFormat;
  /** Raw bytes, or a base64 string. Give `data` or `s3` (S3 for anything over a few MB). */
  data?: Uint8Array | string;
  s3?: S3Location;
}

/** Reasoning (extended thinking) produced by the model; sent back unchanged on the next turn. */
export interface ThinkingContent {
  type: "thinking";
  thinking: string;
  /** The provider's signature; required to send the block back to Claude. */
  thinkingSignature?: string;
  /** Redacted reasoning: opaque bytes that must round-trip unchanged (text is then empty). */
  redacted?: Uint8Array;
}

/** A tool call made by the model. */
export interface ToolCall {
  type: "toolCall";
  /** Normalised to `[A-Za-z0-9_-]{1,64}` when sent to Bedrock. */
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /** Set only when the model's final argument JSON was not a JSON object: the exact text received (then `arguments` is `{}`). */
  rawArguments?: string;
}

/** A message from the user. */
export interface UserMessage {
  role: "user";
  /** `cachePoint` blocks mark where a cache point goes (see {@link CachePointContent}). */
  content: string | Array<TextContent | ImageContent | DocumentContent | VideoContent | CachePointContent>;
  timestamp?: number;
}

/** A message produced by the model (also what `done` and `complete()` return). */
export interface AssistantMessage {
  role: "assistant";
  content: Array<TextContent | ThinkingContent | ToolCall>;
  api?: string;
  provider?: string;
  model?: string;
  usage?: import("./usage.js").Usage;
  stopReason?: import("./events.js").StopReason;
  /** Bedrock's own stop reason, kept as received. */
  rawStopReason?: string;
  errorMessage?: string;
  timestamp?: number;
  /** With `responseFormat`: the answer's JSON, parsed (checked against the schema). */
  parsed?: unknown;
  /** The service tier Bedrock used (`serviceTier.type` of its reply), when it said. */
  serviceTier?: string;
  /** The fields asked for with `additionalModelResponseFieldPaths`, as Bedrock returned them. */
  additionalModelResponseFields?: Record<string, unknown>;
}

/** The result of a tool call, sent back to the model. */
export interface ToolResultMessage {
  role: "toolResult";
  toolCallId: string;
  toolName: string;
  /** A `cachePoint` block here puts a cache point right after this result (not for Nova). */
  content: string | Array<TextContent | ImageContent | DocumentContent | VideoContent | CachePointContent>;
  /** Marks the result as an error (Bedrock `status: "error"`). */
  isError?: boolean;
  timestamp?: number;
}

export type Message = UserMessage | AssistantMessage | ToolResultMessage;

/** A tool the model may call. `parameters` is a JSON Schema object. */
export interface Tool {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  /** Strict tool use: the model's calls follow `parameters` exactly (Bedrock `toolSpec.strict`). */
  strict?: boolean;
}
