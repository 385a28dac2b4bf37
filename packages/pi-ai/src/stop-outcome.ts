import type { StreamEvent } from "streambed";

/** How a finished stream ends for pi-ai: `done` with a reason, or `error` with a message. */
export type StopOutcome = { reason: "stop" | "length" | "toolUse"; error?: undefined } | { reason?: undefined; error: string };

/**
 * streambed's stop reason → pi-ai's. stop, length and toolUse are the same. pi-ai's Bedrock
 * provider turns every other Bedrock stop reason into an error ("An unknown error occurred"); so
 * does this, with a message that names Bedrock's value: contentFilter (guardrail_intervened,
 * content_filtered), refusal, error (malformed_model_output / malformed_tool_use, streambed's
 * message) and other (a value streambed does not know). A stream with no stop reason at all ends
 * as pi-ai's does: "stop".
 */
export function stopOutcome(event: StreamEvent & { type: "done" }): StopOutcome {
  const reason: string = event.reason;
  const raw = (event as { rawReason?: string }).rawReason ?? event.message.rawStopReason;
  switch (reason) {
    case "stop":
    case "length":
    case "toolUse":
      return { reason };
    case "contentFilter":
      return { error: `Bedrock stopped the answer: content filtered (${raw ?? "content_filtered"}).` };
    case "refusal":
      return { error: `The model declined to answer (stop reason ${raw ?? "refusal"}).` };
    case "error":
      return { error: event.message.errorMessage ?? `The model produced malformed output (${raw ?? "unknown"}).` };
    default:
      if (raw === undefined) return { reason: "stop" };
      return { error: `Bedrock ended the answer with stop reason "${raw}", which pi-ai has no stop reason for.` };
  }
}
