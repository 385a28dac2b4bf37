import type { FoundationModelSummary, InferenceProfileSummary } from "./catalogue/types.js";
import type { EmulatorGuardrail } from "./converse/guardrail.js";
import type { EmulatorPrompt } from "./converse/prompts.js";

/** A key pair the emulator accepts (SigV4). */
export interface EmulatorCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry the same `x-amz-security-token`. */
  sessionToken?: string;
}

/** One ConverseStream event exactly as Bedrock names it, e.g. `{ contentBlockDelta: { contentBlockIndex: 0, delta: { text: "hi" } } }`. The `p` padding is added by the emulator. */
export type ConverseStreamEventJson = Record<string, Record<string, unknown> | undefined>;

/** What the emulator knows about one Converse / ConverseStream call, handed to {@link EmulatorOptions.script}. */
export interface ConverseRequestInfo {
  operation: "converse" | "converse-stream";
  /** Percent-decoded model id from the path (an id, a profile id or an ARN). */
  modelId: string;
  /** Parsed JSON request body. */
  body: Record<string, unknown>;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** Text of the last user message (text blocks joined), "" when none. */
  lastUserText: string;
  /** Tool specs from `toolConfig.tools`. */
  tools: Array<{ name: string; description?: string; inputSchema?: unknown }>;
  /** Whether the request asks for reasoning (Anthropic `thinking`, Nova `reasoningConfig`). */
  thinkingRequested: boolean;
  /** Signing region (or the emulator's). */
  region: string;
}

/**
 * A scripted reply. Precedence: `fault` → `error` → `frames` → `events` → content (`text`,
 * `reasoning`, `toolUse`) → `behaviour`. Return `undefined` from the script to fall through to the
 * built-in behaviours.
 */
export interface Reply {
  /** A fault, same syntax as the `x-streambed-emulator-fault` header (e.g. `"throttle"`, `"stall:5"`, `"modelStreamErrorException"`). */
  fault?: string;
  /** An HTTP error reply. */
  error?: { status: number; type: string; message: string };
  /** Raw event-stream frames, sent as-is (ConverseStream only). */
  frames?: Uint8Array[];
  /** ConverseStream events (without `p`); Converse folds them into its response. */
  events?: ConverseStreamEventJson[];
  /** Answer text, streamed in realistic chunks. */
  text?: string;
  /** A reasoning block before the text. */
  reasoning?: string | { text: string; signature?: string };
  /** A tool call after the text. */
  toolUse?: { name: string; input?: unknown; toolUseId?: string };
  /** Default: `tool_use` with a tool call, else `end_turn`. */
  stopReason?: string;
  /** Override usage numbers in the metadata event / Converse response. */
  usage?: Partial<TokenUsage>;
  /** A built-in behaviour, same syntax as the `x-streambed-emulator-behaviour` header. */
  behaviour?: string;
  /** Pace for this reply (overrides the option). */
  tokensPerSecond?: number;
}

/** Bedrock's `TokenUsage`. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** One request the emulator saw. Secrets are redacted: signatures, session and bearer tokens become `****`. */
export interface RecordedRequest {
  method: string;
  /** Absolute URL as received. */
  url: string;
  /** `converse`, `converse-stream`, `list-foundation-models`, `list-inference-profiles`, `get-foundation-model`, `get-inference-profile` or `unknown`. */
  operation: string;
  /** Percent-decoded model id (Converse routes) or identifier (Get routes). */
  modelId?: string;
  /** Lower-case header names, secrets redacted. */
  headers: Record<string, string>;
  /** Request body as text. */
  body: string;
  /** Response status (0 for a connection reset). */
  status: number;
  /** How the caller authenticated. Access key ids are masked (`****ABCD`). */
  auth: { scheme: "sigv4" | "bearer" | "none"; accessKeyId?: string; verified: boolean };
  receivedAt: Date;
  /** Milliseconds from receiving the request to the response (its headers, for a stream). */
  ms: number;
}

/** Options of {@link createBedrockHandlers} and {@link startEmulator}. */
export interface EmulatorOptions {
  /** Key pairs accepted for SigV4. */
  credentials?: EmulatorCredential[];
  /** Accepted `Authorization: Bearer` tokens (Bedrock API keys). */
  bearerTokens?: string[];
  /**
   * Verify SigV4 / bearer auth. Default: `true` when `credentials` or `bearerTokens` are given, else
   * `false` (any request is accepted, signed or not). `true` without credentials verifies against
   * {@link DEMO_CREDENTIALS}.
   */
  verify?: boolean;
  /** Expected signing region; a request scoped to another region is rejected. Default: any. */
  region?: string;
  /** Replace the catalogue. Each list given replaces the default list of that kind. */
  catalogue?: { models?: FoundationModelSummary[]; profiles?: InferenceProfileSummary[] };
  /** Per-request script; return `undefined` to fall through to the built-in behaviours. */
  script?: (request: ConverseRequestInfo) => Reply | undefined | Promise<Reply | undefined>;
  /** Speed of generated text in tokens per second. Default 0: as fast as possible. */
  tokensPerSecond?: number;
  /** Clock used for the SigV4 5-minute skew check. Default: `() => new Date()`. */
  now?: () => Date;
  /**
   * Validate Converse / ConverseStream bodies as Bedrock does and answer a violation with its 400
   * `ValidationException` (roles, content blocks, tool call/result pairing, image and document
   * limits, `inferenceConfig` ranges; see docs/emulator.md). Default `true`. `false` restores the
   * lenient behaviour: only a first user message and `toolConfig` with tool blocks are checked.
   */
  validate?: boolean;
  /**
   * Accept any model id: ids that are neither in the catalogue nor `emulator.*` get the built-in
   * behaviours. Default `false`: like Bedrock, an unknown id (or the `:0` form of an id that has
   * none) is refused with 400 `ValidationException` "The provided model identifier is invalid.".
   */
  lenient?: boolean;
  /** @deprecated Unknown model ids are refused by default; use `lenient: true` to accept them. `strictModels: false` is `lenient: true`. */
  strictModels?: boolean;
  /**
   * Guardrails requests may name in `guardrailConfig`, besides {@link TEST_GUARDRAIL}. A request
   * naming any other id or version gets Bedrock's 400 "The guardrail identifier or version provided
   * in the request does not exist."; a known one intervenes on its blocked words.
   */
  guardrails?: EmulatorGuardrail[];
  /**
   * Prompt management prompts besides `TEST_PROMPT`: a Converse call whose model is a prompt's ARN
   * (`arn:aws:bedrock:<region>:<account>:prompt/<id>:<version>`) runs it with `promptVariables`.
   */
  prompts?: EmulatorPrompt[];
  /**
   * Model limits replacing the catalogue's, by foundation-model id: `{ "amazon.nova-micro-v1:0": {
   * maxTokens: 100, contextWindow: 50 } }`. A request over them gets Bedrock's ValidationException
   * ("The maximum tokens you requested exceeds the model limit of N. …", "Input is too long for
   * requested model.", Claude's "prompt is too long: A tokens > N maximum"; docs/emulator.md).
   */
  modelLimits?: Record<string, { maxTokens?: number; contextWindow?: number }>;
  /** Called once per handled request (the loopback server uses it to fill `requests`). */
  onRequest?: (request: RecordedRequest) => void;
}
