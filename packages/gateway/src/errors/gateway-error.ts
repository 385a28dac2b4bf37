/** OpenAI's error `type` values the gateway answers with. */
export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "requests"
  | "tokens"
  | "server_error";

/** The body of every error the gateway answers, in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

/** Options of {@link GatewayError}. */
export interface GatewayErrorOptions {
  /** The request field at fault (`messages[0].content[1].image_url.url`), when there is one. */
  param?: string;
  /** A machine-readable code (`invalid_api_key`, `rate_limit_exceeded`, `model_not_allowed` …). */
  code?: string;
  /** Seconds the client should wait before trying again (sent as `retry-after`). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * An error the gateway answers with: an HTTP status, and OpenAI's error body. Thrown by the request
 * mapping (400 naming the field), auth (401/403), limits (429) and made from Bedrock's errors by
 * {@link gatewayErrorOf}.
 */
export class GatewayError extends Error {
  override name = "GatewayError";
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly param: string | undefined;
  readonly code: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, type: OpenAIErrorType, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.type = type;
    this.param = options.param;
    this.code = options.code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The JSON body OpenAI clients read (`APIError.error`). */
  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param ?? null, code: this.code ?? null } };
  }
}

/** A 400 `invalid_request_error` naming the field at fault. */
export function invalidField(param: string, message: string, code = "invalid_value"): GatewayError {
  return new GatewayError(400, "invalid_request_error", `${param}: ${message}`, { param, code });
}
