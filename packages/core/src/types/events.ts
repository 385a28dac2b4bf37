import type { AssistantMessage, Citation, ToolCall } from "./messages.js";
import type { Usage } from "./usage.js";

/**
 * Why the model stopped, normalised. Bedrock's own value is kept next to it (`rawReason` on
 * `done`, `rawStopReason` on the message):
 * end_turn/stop_sequence → stop; max_tokens/model_context_window_exceeded → length;
 * tool_use → toolUse; guardrail_intervened/content_filtered → contentFilter;
 * malformed_model_output/malformed_tool_use → error; refusal (Claude declined to answer) → refusal;
 * any other value, or none → other (the answer may not be a normal one: read the raw value).
 */
export type StopReason = "stop" | "length" | "toolUse" | "contentFilter" | "error" | "refusal" | "other" | "aborted";

/**
 * One normalised streaming event (pi-ai's vocabulary). `partial` is the assistant message being
 * assembled (the same object throughout: read it, do not keep it across events if you mutate).
 */
export type StreamEvent =
  | { type: "start"; partial: AssistantMessage }
  | { type: "text_start"; contentIndex: number; partial: AssistantMessage }
  | { type: "text_delta"; contentIndex: number; delta: string; partial: AssistantMessage }
  | { type: "text_end"; contentIndex: number; content: string; partial: AssistantMessage }
  | { type: "thinking_start"; contentIndex: number; partial: AssistantMessage }
  | { type: "thinking_delta"; contentIndex: number; delta: string; partial: AssistantMessage }
  | { type: "thinking_end"; contentIndex: number; content: string; partial: AssistantMessage }
  | { type: "toolcall_start"; contentIndex: number; id: string; name: string; partial: AssistantMessage }
  | {
      type: "toolcall_delta";
      contentIndex: number;
      delta: string;
      /** Best-effort parse of the JSON received so far. */
      arguments: Record<string, unknown>;
      partial: AssistantMessage;
    }
  | { type: "toolcall_end"; contentIndex: number; toolCall: ToolCall; partial: AssistantMessage }
  /** The text block at `contentIndex` cites a source (documents sent with `citations: true`); also kept in that block's `citations`. */
  | { type: "citation"; contentIndex: number; citation: Citation; partial: AssistantMessage }
  | { type: "usage"; usage: Usage; metrics?: { latencyMs?: number }; partial: AssistantMessage }
  | {
      type: "done";
      reason: StopReason;
      /** Bedrock's `stopReason` as received (undefined when it sent none). */
      rawReason?: string;
      message: AssistantMessage;
    };

/** A Bedrock ConverseStream event as received (for `raw: true` / `streamRaw()`): `{ [eventType]: body }`. */
export type RawBedrockEvent = Record<string, unknown>;
