import { type EventStreamMessage, utf8Decoder } from "@streambed/transport";
import type { RawBedrockEvent } from "../types/index.js";
import { frameEventType, framePayload } from "./read-frame.js";

const KNOWN = new Set(["messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]);

/**
 * Bedrock ConverseStream frames → Bedrock's own events, `{ [eventType]: body }`, exactly as sent
 * (JSON parsed once, nothing renamed or dropped: the `p` padding, citations, guardrail traces,
 * `additionalModelResponseFields` and event types streambed does not know all pass through; blobs
 * such as `redactedContent` stay base64 strings). An unknown event type whose payload is not JSON
 * is passed through as its payload bytes (copied). Exception and error frames throw their typed
 * error (see `errorFromFrame`), after every event before them was yielded.
 */
export async function* rawBedrockEvents(
  frames: AsyncIterable<EventStreamMessage>,
  context: { requestId?: string; modelId?: string } = {},
): AsyncGenerator<RawBedrockEvent, void, undefined> {
  const requestId = context.requestId;
  for await (const frame of frames) {
    const type = frameEventType(frame, context);
    if (type === undefined) continue;
    let body: unknown;
    if (KNOWN.has(type)) {
      body = framePayload(frame.payload, type, requestId);
    } else {
      try {
        body = frame.payload.byteLength === 0 ? {} : JSON.parse(utf8Decoder().decode(frame.payload));
      } catch {
        body = frame.payload.slice();
      }
    }
    yield { [type]: body };
  }
}
