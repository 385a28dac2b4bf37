import { type BedrockError, type EventStreamMessage, utf8Decoder } from "@streambed/transport";
import { MODELED_STATUS, errorFromType } from "./error-from-type.js";
import { redactSecrets } from "./redact-secrets.js";
import { UnknownServiceError } from "./service-errors.js";

function stringHeader(frame: EventStreamMessage, name: string): string | undefined {
  const h = frame.headers[name];
  return h !== undefined && h.type === "string" ? h.value : undefined;
}

function parsePayload(payload: Uint8Array): Record<string, unknown> {
  if (payload.byteLength === 0) return {};
  const text = utf8Decoder().decode(payload);
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { message: text };
  } catch {
    return { message: text };
  }
}

/**
 * An exception or error frame of an event stream → its typed error. Never returns undefined:
 * every failure Bedrock sends mid-stream surfaces.
 *
 * - `:message-type: exception` with `:exception-type` (`throttlingException`, `validationException`,
 *   `internalServerException`, `serviceUnavailableException`, `modelStreamErrorException`, or any
 *   other) → the class for that type, message from the JSON payload's `message`; `status` is the
 *   HTTP status AWS models for that exception (the response itself was 200).
 * - `:message-type: error` with `:error-code` / `:error-message` (unmodeled errors) →
 *   {@link UnknownServiceError} carrying that code and message.
 */
export function errorFromFrame(frame: EventStreamMessage, context: { requestId?: string; modelId?: string } = {}): BedrockError {
  const messageType = stringHeader(frame, ":message-type");
  if (messageType === "error") {
    const code = stringHeader(frame, ":error-code") ?? "UnknownError";
    const message = redactSecrets(stringHeader(frame, ":error-message") ?? "");
    return new UnknownServiceError(
      `Bedrock sent an error frame mid-stream (${code}${context.requestId ? `, request ${context.requestId}` : ""}): ${message.replace(/[.\s]+$/, "") || "no message"}. The events received so far are valid; retry the request, and give AWS support the request id if it persists.`,
      { code, requestId: context.requestId, serviceMessage: message || undefined, retryable: false },
    );
  }
  const rawType = stringHeader(frame, ":exception-type") ?? stringHeader(frame, ":event-type");
  const type = rawType === undefined ? undefined : rawType.charAt(0).toUpperCase() + rawType.slice(1);
  const body = parsePayload(frame.payload);
  const message = body.message ?? body.Message;
  const originalStatusCode = body.originalStatusCode;
  const originalMessage = body.originalMessage;
  return errorFromType({
    type,
    status: type === undefined ? undefined : MODELED_STATUS[type],
    serviceMessage: redactSecrets(typeof message === "string" ? message : ""),
    requestId: context.requestId,
    originalStatusCode: typeof originalStatusCode === "number" ? originalStatusCode : undefined,
    originalMessage: typeof originalMessage === "string" ? redactSecrets(originalMessage) : undefined,
    resourceName: typeof body.resourceName === "string" ? body.resourceName : undefined,
    modelId: context.modelId,
    channel: "stream exception frame",
  });
}
