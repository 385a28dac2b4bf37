import { encodeEventStreamMessage, encodeUtf8 } from "@streambed/transport";

const PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const json = { type: "string", value: "application/json" } as const;

/** Bedrock's `p` field: a prefix of the alphabet of varying length that hides the payload size. */
export function padding(random: () => number): string {
  return PADDING.slice(0, 1 + Math.floor(random() * PADDING.length));
}

/** An `:message-type: event` frame whose JSON payload carries the `p` padding field. */
export function eventFrame(type: string, payload: Record<string, unknown>, random: () => number): Uint8Array {
  return encodeEventStreamMessage({
    headers: {
      ":event-type": { type: "string", value: type },
      ":content-type": json,
      ":message-type": { type: "string", value: "event" },
    },
    payload: encodeUtf8(JSON.stringify({ ...payload, p: padding(random) })),
  });
}

/** An `:message-type: exception` frame (`:exception-type` is the event name, e.g. `throttlingException`). */
export function exceptionFrame(type: string, body: Record<string, unknown>): Uint8Array {
  return encodeEventStreamMessage({
    headers: {
      ":exception-type": { type: "string", value: type },
      ":content-type": json,
      ":message-type": { type: "string", value: "exception" },
    },
    payload: encodeUtf8(JSON.stringify(body)),
  });
}

/** An unmodeled `:message-type: error` frame with `:error-code` and `:error-message` and no payload. */
export function errorFrame(code: string, message: string): Uint8Array {
  return encodeEventStreamMessage({
    headers: {
      ":error-code": { type: "string", value: code },
      ":error-message": { type: "string", value: message },
      ":message-type": { type: "string", value: "error" },
    },
    payload: new Uint8Array(0),
  });
}

/** A copy of `frame` with its prelude CRC (bytes 8–11) or message CRC (last 4 bytes) broken. */
export function corruptFrame(frame: Uint8Array, which: "prelude" | "message"): Uint8Array {
  const copy = frame.slice();
  copy[which === "prelude" ? 8 : copy.length - 1]! ^= 0xff;
  return copy;
}
