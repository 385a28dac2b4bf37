import { GatewayError, type OpenAIErrorType } from "./gateway-error.js";

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  retryAfterMs?: unknown;
  path?: unknown;
}

interface Mapping {
  status: number;
  type: OpenAIErrorType;
  code: string;
}

/**
 * streambed's error classes (by `name`, so the Node and edge builds' copies map alike) → the status
 * and OpenAI error type a client of the gateway gets. The AWS side's own trouble (its credentials,
 * signatures, the network to Bedrock) is the gateway's, not the client's: 5xx, never 401.
 */
const BY_NAME: Record<string, Mapping> = {
  ThrottlingError: { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded" },
  QuotaExceededError: { status: 429, type: "rate_limit_error", code: "quota_exceeded" },
  ValidationError: { status: 400, type: "invalid_request_error", code: "invalid_request" },
  InvalidRequestError: { status: 400, type: "invalid_request_error", code: "invalid_request" },
  AccessDeniedError: { status: 403, type: "permission_error", code: "access_denied" },
  ResourceNotFoundError: { status: 404, type: "not_found_error", code: "model_not_found" },
  ModelNotFoundError: { status: 404, type: "not_found_error", code: "model_not_found" },
  AuthenticationError: { status: 502, type: "server_error", code: "upstream_authentication_failed" },
  CredentialsNotFoundError: { status: 500, type: "server_error", code: "upstream_credentials_missing" },
  CredentialsError: { status: 500, type: "server_error", code: "upstream_credentials_failed" },
  CredentialsExpiredError: { status: 500, type: "server_error", code: "upstream_credentials_expired" },
  ConfigError: { status: 500, type: "server_error", code: "gateway_misconfigured" },
  InternalServerError: { status: 500, type: "server_error", code: "upstream_internal_error" },
  ServiceUnavailableError: { status: 503, type: "server_error", code: "upstream_unavailable" },
  ModelStreamError: { status: 502, type: "server_error", code: "model_stream_error" },
  TimeoutError: { status: 504, type: "server_error", code: "upstream_timeout" },
  NetworkError: { status: 502, type: "server_error", code: "upstream_network_error" },
  EventStreamDecodeError: { status: 502, type: "server_error", code: "upstream_bad_response" },
  InvalidResponseError: { status: 502, type: "server_error", code: "upstream_bad_response" },
  ResponseTooLargeError: { status: 502, type: "server_error", code: "upstream_bad_response" },
  StreamAbandonedError: { status: 500, type: "server_error", code: "stream_abandoned" },
  AbortError: { status: 499, type: "server_error", code: "aborted" },
  StructuredOutputError: { status: 502, type: "server_error", code: "structured_output_invalid" },
  ModelLimitExceededError: { status: 400, type: "invalid_request_error", code: "context_length_exceeded" },
  UnexpectedContentTypeError: { status: 502, type: "server_error", code: "upstream_bad_response" },
  UnknownOperationError: { status: 502, type: "server_error", code: "upstream_bad_response" },
};

/** `ModelError` by its AWS type: not ready 503 (retryable), timeout 504, the model's own failure 502. */
function modelError(code: unknown): Mapping {
  if (code === "ModelNotReadyException") return { status: 503, type: "server_error", code: "model_not_ready" };
  if (code === "ModelTimeoutException") return { status: 504, type: "server_error", code: "model_timeout" };
  return { status: 502, type: "server_error", code: "model_error" };
}

/** A status streambed reported for an error the table does not name (`UnknownServiceError`). */
function byStatus(status: unknown): Mapping {
  if (status === 400) return { status: 400, type: "invalid_request_error", code: "invalid_request" };
  if (status === 403) return { status: 403, type: "permission_error", code: "access_denied" };
  if (status === 404) return { status: 404, type: "not_found_error", code: "not_found" };
  if (status === 429) return { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded" };
  return { status: 502, type: "server_error", code: "upstream_error" };
}

/**
 * Any error met while answering → the {@link GatewayError} sent to the client. streambed's errors
 * keep their message (already free of secrets: streambed redacts them); throttling carries
 * `retry-after` (Bedrock's, else 1 second). Anything else is a 500 that says nothing of its cause.
 */
export function gatewayErrorOf(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const name = typeof e.name === "string" ? e.name : "";
  const known = name === "ModelError" ? modelError(e.code) : BY_NAME[name];
  const looksStreambed = known !== undefined || name.endsWith("Error") && typeof e.code === "string" && "retryable" in (e as object);
  if (!looksStreambed) return new GatewayError(500, "server_error", "The gateway failed to answer this request (an internal error; see its log).", { code: "internal_error", cause: error });
  const mapping = known ?? byStatus(e.status);
  const message = typeof e.message === "string" ? e.message : name;
  const retryAfterSeconds =
    mapping.status === 429 || mapping.status === 503
      ? Math.max(1, Math.ceil((typeof e.retryAfterMs === "number" && e.retryAfterMs > 0 ? e.retryAfterMs : 1000) / 1000))
      : undefined;
  return new GatewayError(mapping.status, mapping.type, message, {
    code: mapping.code,
    ...(typeof e.path === "string" ? { param: e.path } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    cause: error,
  });
}
