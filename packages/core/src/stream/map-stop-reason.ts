import type { StopReason } from "../types/index.js";

const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "toolUse",
  guardrail_intervened: "contentFilter",
  content_filtered: "contentFilter",
  malformed_model_output: "error",
  malformed_tool_use: "error",
};

/**
 * Bedrock's `stopReason` → streambed's {@link StopReason}. All nine Bedrock values are mapped:
 * end_turn/stop_sequence → stop, max_tokens/model_context_window_exceeded → length,
 * tool_use → toolUse, guardrail_intervened/content_filtered → contentFilter,
 * malformed_model_output/malformed_tool_use → error.
 *
 * A value Bedrock adds later (or none) maps to "stop": the stream finished without an exception,
 * so its content is complete; the caller still sees the raw value in `message.rawStopReason`.
 */
export function mapStopReason(raw: string | undefined): StopReason {
  if (raw === undefined) return "stop";
  return Object.prototype.hasOwnProperty.call(STOP_REASONS, raw) ? STOP_REASONS[raw]! : "stop";
}

/** The `errorMessage` streambed puts on a message whose stop reason maps to "error". */
export function stopReasonErrorMessage(raw: string): string {
  return raw === "malformed_tool_use"
    ? "The model produced a malformed tool call (malformed_tool_use). Retry, or simplify the tool schema."
    : `The model produced malformed output (${raw}). Retry the request.`;
}
