/** OpenAI's finish reasons. */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/**
 * streambed's stop reason → OpenAI's `finish_reason`. `stop` (end_turn, stop_sequence) → stop;
 * `length` (max_tokens, model_context_window_exceeded) → length; `toolUse` → tool_calls;
 * `contentFilter` (guardrail_intervened, content_filtered) and `refusal` (the model declined) →
 * content_filter; `other` (a stop reason Bedrock added later) → stop. `error` (malformed model
 * output or tool use) and `aborted` have no finish reason: the answer is an error (undefined here).
 */
const FINISH: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  toolUse: "tool_calls",
  contentFilter: "content_filter",
  refusal: "content_filter",
  other: "stop",
};

/** The finish reason for `reason`, or undefined when the answer ended in an error. */
export function finishReasonOf(reason: string | undefined): FinishReason | undefined {
  return reason === undefined ? undefined : FINISH[reason];
}
