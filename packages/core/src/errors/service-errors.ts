import { BedrockError, type BedrockErrorOptions } from "@streambed/transport";

/** Bedrock (or a network element) throttled the call: HTTP 429 or a `throttlingException` frame. Retried before the first event. */
export class ThrottlingError extends BedrockError {
  override name = "ThrottlingError";
  /** Server-suggested wait (from `Retry-After`), when given. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: BedrockErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, { code: "ThrottlingException", retryable: true, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Bedrock rejected the request as invalid (HTTP 400, `validationException`). */
export class ValidationError extends BedrockError {
  override name = "ValidationError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "ValidationException", retryable: false, ...options });
  }
}

/** The caller is not allowed to do this: IAM denies it, or model access is not granted (HTTP 403 AccessDeniedException). */
export class AccessDeniedError extends BedrockError {
  override name = "AccessDeniedError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "AccessDeniedException", retryable: false, ...options });
  }
}

/** The request signature or the key was refused (HTTP 403 InvalidSignatureException / UnrecognizedClientException / expired token). */
export class AuthenticationError extends BedrockError {
  override name = "AuthenticationError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "InvalidSignatureException", retryable: false, ...options });
  }
}

/** The model, profile or resource does not exist in this region (HTTP 404). */
export class ResourceNotFoundError extends BedrockError {
  override name = "ResourceNotFoundError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "ResourceNotFoundException", retryable: false, ...options });
  }
}

/** The model failed while streaming (`modelStreamErrorException`). */
export class ModelStreamError extends BedrockError {
  override name = "ModelStreamError";
  /** The model's own status code and message, when Bedrock forwards them. */
  readonly originalStatusCode: number | undefined;
  readonly originalMessage: string | undefined;
  constructor(message: string, options: BedrockErrorOptions & { originalStatusCode?: number; originalMessage?: string } = {}) {
    super(message, { code: "ModelStreamErrorException", retryable: false, ...options });
    this.originalStatusCode = options.originalStatusCode;
    this.originalMessage = options.originalMessage;
  }
}

/** Bedrock is temporarily unavailable (HTTP 503, `serviceUnavailableException`). Retried before the first event. */
export class ServiceUnavailableError extends BedrockError {
  override name = "ServiceUnavailableError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "ServiceUnavailableException", retryable: true, ...options });
  }
}

/** Bedrock failed internally (HTTP 500, `internalServerException`). Retried before the first event. */
export class InternalServerError extends BedrockError {
  override name = "InternalServerError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "InternalServerException", retryable: true, ...options });
  }
}

/** The model is not ready or timed out (ModelNotReadyException, ModelTimeoutException, ModelErrorException). */
export class ModelError extends BedrockError {
  override name = "ModelError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "ModelErrorException", ...options });
  }
}

/** An account quota would be exceeded (ServiceQuotaExceededException). */
export class QuotaExceededError extends BedrockError {
  override name = "QuotaExceededError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "ServiceQuotaExceededException", retryable: false, ...options });
  }
}

/** An error Bedrock sent that streambed has no class for: an unmodeled `:message-type: error` frame or an unknown error type. Never dropped. */
export class UnknownServiceError extends BedrockError {
  override name = "UnknownServiceError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "UnknownError", ...options });
  }
}
