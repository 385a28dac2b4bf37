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
  refusal: "refusal",
};

/**
 * Bedrock's `stopReason` → streambed's {@link StopReason}. Bedrock's nine documented values and
 * Claude's `refusal` are mapped: end_turn/stop_sequence → stop, max_tokens/model_context_window_exceeded
 * → length, tool_use → toolUse, guardrail_intervened/content_filtered → contentFilter,
 * malformed_model_output/malformed_tool_use → error, refusal → refusal.
 *
 * Any other value (one Bedrock adds later), or none, maps to "other": the stream ended without an
 * exception, but nothing says the answer is a normal one — the caller reads the raw value
 * (`done.rawReason`, `message.rawStopReason`), which is always kept.
 */
export function mapStopReason(raw: string | undefined): StopReason {
  if (raw === undefined) return "other";
  return Object.prototype.hasOwnProperty.call(STOP_REASONS, raw) ? STOP_REASONS[raw]! : "other";
}

/**
 * The `errorMessage` streambed puts on a message whose stop reason is not a normal end: "error"
 * (malformed output), "refusal" and "other". Undefined for the rest.
 */
export function stopReasonErrorMessage(reason: StopReason, raw: string | undefined): string | undefined {
  if (reason === "error") {
    return raw === "malformed_tool_use"
      ? "The model produced a malformed tool call (malformed_tool_use). Retry, or simplify the tool schema."
      : `The model produced malformed output (${raw}). Retry the request.`;
  }
  if (reason === "refusal") {
    return "The model declined to answer (stop reason refusal): its safety classifier stopped the reply. The text so far is not an answer; rephrase the request or use another model.";
  }
  if (reason === "other") {
    return raw === undefined
      ? "Bedrock sent no stop reason: the answer may be incomplete."
      : `Bedrock stopped with a reason streambed does not know (${raw}): check the answer before using it.`;
  }
  return undefined;
}

/** Set `stopReason`, `rawStopReason` and, for an abnormal end, `errorMessage` on `message`. */
export function applyStopReason(message: { stopReason?: StopReason; rawStopReason?: string; errorMessage?: string }, raw: string | undefined): void {
  const reason = mapStopReason(raw);
  message.stopReason = reason;
  message.rawStopReason = raw;
  const error = stopReasonErrorMessage(reason, raw);
  if (error !== undefined) message.errorMessage = error;
}
