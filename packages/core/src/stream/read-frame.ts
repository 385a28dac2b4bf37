import { type EventStreamHeaders, type EventStreamMessage, utf8Decoder } from "@streambed/transport";
import { errorFromFrame } from "../errors/error-from-frame.js";
import { InvalidResponseError } from "../errors/service-errors.js";

/**
 * The `:event-type` of an event frame. Throws the typed error of an `exception` / `error` frame
 * (see `errorFromFrame`); returns undefined for frames that carry no event (other message types,
 * no `:event-type`), which callers skip.
 */
export function frameEventType(frame: EventStreamMessage, context: { requestId?: string; modelId?: string }): string | undefined {
  const type = headersEventType(frame.headers);
  if (type === FAILURE_FRAME) throw errorFromFrame(frame, context);
  return type;
}

/** What {@link headersEventType} returns for an `exception` / `error` frame. */
export const FAILURE_FRAME: unique symbol = Symbol("failure frame");

/**
 * {@link frameEventType} from the headers alone: the `:event-type`, undefined for frames that carry
 * no event, or {@link FAILURE_FRAME} for an exception / error frame (whose error the caller throws).
 */
export function headersEventType(headers: EventStreamHeaders): string | undefined | typeof FAILURE_FRAME {
  const messageType = headers[":message-type"];
  if (messageType !== undefined && messageType.value !== "event") {
    return messageType.value === "exception" || messageType.value === "error" ? FAILURE_FRAME : undefined;
  }
  const eventType = headers[":event-type"];
  return eventType !== undefined && eventType.type === "string" ? eventType.value : undefined;
}

/** The JSON object a frame's payload carries: one decode with the shared TextDecoder, one `JSON.parse`. Empty payload → `{}`. */
export function framePayload(payload: Uint8Array, eventType: string, requestId: string | undefined): Record<string, unknown> {
  if (payload.byteLength === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(utf8Decoder().decode(payload));
  } catch (cause) {
    throw notAnObject(eventType, requestId, cause);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw notAnObject(eventType, requestId, undefined);
  return value as Record<string, unknown>;
}

function notAnObject(eventType: string, requestId: string | undefined, cause: unknown): InvalidResponseError {
  return new InvalidResponseError(
    `The ConverseStream "${eventType}" event's payload is not a JSON object${requestId ? ` (request ${requestId})` : ""}. The endpoint is not speaking Bedrock's protocol (a proxy or a non-Bedrock server?); check the endpoint URL.`,
    { requestId, cause },
  );
}
