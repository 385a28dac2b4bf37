import type { StreamEvent } from "streambed";

/** How a finished stream ends for pi-ai: `done` with a reason, or `error` with a message. */
export type StopOutcome = { reason: "stop" | "length" | "toolUse"; error?: undefined } | { reason?: undefined; error: string };

/**
 * streambed's stop reason → pi-ai's. stop, length and toolUse are the same. pi-ai's Bedrock
 * provider turns every other Bedrock stop reason — and a `messageStop` without one — into an error
 * ("An unknown error occurred"); so does this, with a message that names Bedrock's value:
 * contentFilter (guardrail_intervened, content_filtered), refusal, error (malformed_model_output /
 * malformed_tool_use) and other (a value streambed does not know, or none), using streambed's
 * own message where it has one.
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
    default:
      return { error: event.message.errorMessage ?? `Bedrock ended the answer with stop reason ${raw === undefined ? "(none)" : `"${raw}"`}, which pi-ai has no stop reason for.` };
  }
}
