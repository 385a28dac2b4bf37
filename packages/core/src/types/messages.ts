/** Plain text. */
export interface TextContent {
  type: "text";
  text: string;
}

/** Image bytes (or base64). Bedrock accepts jpeg, png, gif and webp. */
export interface ImageContent {
  type: "image";
  /** Raw bytes, or a base64 string. */
  data: Uint8Array | string;
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
  /** Raw bytes, or a base64 string. */
  data: Uint8Array | string;
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
  content: string | Array<TextContent | ImageContent | DocumentContent>;
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
}

/** The result of a tool call, sent back to the model. */
export interface ToolResultMessage {
  role: "toolResult";
  toolCallId: string;
  toolName: string;
  content: string | Array<TextContent | ImageContent | DocumentContent>;
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
}
