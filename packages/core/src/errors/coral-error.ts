import type { BedrockError } from "@streambed/transport";
import { errorFromType } from "./error-from-type.js";
import { sanitizeErrorType } from "./error-from-response.js";
import { UnknownOperationError } from "./reply-errors.js";

/**
 * The error type of a Coral error body, `{"Output":{"__type":"com.amazon.coral.service#X"},"Version":"1.0"}`,
 * which AWS's front end sends (even with HTTP 200) when it could not route a request. Undefined for
 * any other value.
 */
export function coralErrorType(json: unknown): string | undefined {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return undefined;
  const output = (json as { Output?: unknown }).Output;
  if (output === null || typeof output !== "object") return undefined;
  return sanitizeErrorType((output as { __type?: unknown }).__type);
}

/** What {@link errorFromCoralBody} names in its message. */
export interface CoralContext {
  /** `Converse` or `ConverseStream`. */
  operation: string;
  /** The request path sent (`/model/…/converse-stream`). */
  path?: string | undefined;
  status: number;
  requestId?: string | undefined;
  modelId?: string | undefined;
}

/**
 * A Coral error body Bedrock sent instead of a reply → its typed error: `UnknownOperationException`
 * → {@link UnknownOperationError} naming the operation and the path; any other Coral type → the
 * error of that type (as if Bedrock had sent it as an HTTP error).
 */
export function errorFromCoralBody(type: string, context: CoralContext): BedrockError {
  const where = `HTTP ${context.status}${context.requestId ? `, request ${context.requestId}` : ""}`;
  if (type === "UnknownOperationException") {
    const path = context.path ? ` (${context.path})` : "";
    return new UnknownOperationError(
      `Bedrock UnknownOperationException (${where}): Bedrock's front end answered with a Coral error body instead of a ${context.operation} reply — the request path${path} did not reach the ${context.operation} operation. The model id in the path is likely not encoded as Bedrock routes it (an ARN's "/" must be sent as %2F), or a proxy or custom endpoint rewrote the path: check the model id and the endpoint. Not retried.`,
      { status: context.status, requestId: context.requestId, operation: context.operation, ...(context.path ? { path: context.path } : {}) },
    );
  }
  return errorFromType({
    type,
    status: context.status,
    serviceMessage: `Bedrock's front end answered ${context.operation} with a Coral ${type} body instead of a reply`,
    requestId: context.requestId,
    modelId: context.modelId,
    channel: `HTTP ${context.status}, Coral error body`,
  });
}
