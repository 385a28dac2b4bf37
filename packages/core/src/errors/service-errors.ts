import { BedrockError, type BedrockErrorOptions } from "@streambed/transport";

/** Options of every error Bedrock itself reported (HTTP error response or exception/error frame). */
export interface ServiceErrorOptions extends BedrockErrorOptions {
  /** Bedrock's own message, as sent (secrets redacted), without streambed's advice. */
  serviceMessage?: string;
}

/**
 * Base class of the errors Bedrock reported (as opposed to errors streambed raised locally).
 * `code` is the AWS error type (`ThrottlingException`, …); `message` is Bedrock's message plus
 * what to do about it; `serviceMessage` is Bedrock's message alone.
 */
export class BedrockServiceError extends BedrockError {
  override name = "BedrockServiceError";
  readonly serviceMessage: string | undefined;
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, options);
    this.serviceMessage = options.serviceMessage;
  }
}

/** Bedrock (or a network element) throttled the call: HTTP 429 or a `throttlingException` frame. Retried before the first event. */
export class ThrottlingError extends BedrockServiceError {
  override name = "ThrottlingError";
  /** Server-suggested wait (from `Retry-After`), when given. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: ServiceErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, { code: "ThrottlingException", retryable: true, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Bedrock rejected the request as invalid (HTTP 400, `validationException`). */
export class ValidationError extends BedrockServiceError {
  override name = "ValidationError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "ValidationException", retryable: false, ...options });
  }
}

/** The caller is not allowed to do this: IAM denies it, or model access is not granted (HTTP 403 AccessDeniedException). */
export class AccessDeniedError extends BedrockServiceError {
  override name = "AccessDeniedError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "AccessDeniedException", retryable: false, ...options });
  }
}

/**
 * The request signature or the key was refused (HTTP 403 InvalidSignatureException /
 * UnrecognizedClientException / ExpiredTokenException / expired security token). `code` keeps
 * the AWS error type.
 */
export class AuthenticationError extends BedrockServiceError {
  override name = "AuthenticationError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "InvalidSignatureException", retryable: false, ...options });
  }
}

/** The model, profile or resource does not exist in this region (HTTP 404). */
export class ResourceNotFoundError extends BedrockServiceError {
  override name = "ResourceNotFoundError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "ResourceNotFoundException", retryable: false, ...options });
  }
}

/** The model failed while streaming (`modelStreamErrorException`). */
export class ModelStreamError extends BedrockServiceError {
  override name = "ModelStreamError";
  /** The model's own status code and message, when Bedrock forwards them. */
  readonly originalStatusCode: number | undefined;
  readonly originalMessage: string | undefined;
  constructor(message: string, options: ServiceErrorOptions & { originalStatusCode?: number; originalMessage?: string } = {}) {
    super(message, { code: "ModelStreamErrorException", retryable: false, ...options });
    this.originalStatusCode = options.originalStatusCode;
    this.originalMessage = options.originalMessage;
  }
}

/** Bedrock is temporarily unavailable (HTTP 503, `serviceUnavailableException`). Retried before the first event. */
export class ServiceUnavailableError extends BedrockServiceError {
  override name = "ServiceUnavailableError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "ServiceUnavailableException", retryable: true, ...options });
  }
}

/** Bedrock failed internally (HTTP 500, `internalServerException`). Retried before the first event. */
export class InternalServerError extends BedrockServiceError {
  override name = "InternalServerError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "InternalServerException", retryable: true, ...options });
  }
}

/**
 * The model is not ready, timed out or failed (ModelNotReadyException 429 — retryable, as AWS
 * says; ModelTimeoutException 408; ModelErrorException 424). `code` keeps the AWS error type.
 */
export class ModelError extends BedrockServiceError {
  override name = "ModelError";
  /** ModelErrorException: the model's own status code, when Bedrock forwards it. */
  readonly originalStatusCode: number | undefined;
  /** ModelErrorException: the resource that failed, when Bedrock names it. */
  readonly resourceName: string | undefined;
  constructor(message: string, options: ServiceErrorOptions & { originalStatusCode?: number; resourceName?: string } = {}) {
    super(message, { code: "ModelErrorException", ...options });
    this.originalStatusCode = options.originalStatusCode;
    this.resourceName = options.resourceName;
  }
}

/** An account quota would be exceeded (ServiceQuotaExceededException). */
export class QuotaExceededError extends BedrockServiceError {
  override name = "QuotaExceededError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "ServiceQuotaExceededException", retryable: false, ...options });
  }
}

/** An error Bedrock sent that streambed has no class for: an unmodeled `:message-type: error` frame or an unknown error type. Never dropped. */
export class UnknownServiceError extends BedrockServiceError {
  override name = "UnknownServiceError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "UnknownError", ...options });
  }
}

/**
 * Bedrock answered with success, but the body is not what the Converse API defines (an event
 * frame whose payload is not JSON, a Converse response without `output.message`). Usually a
 * proxy or a non-Bedrock endpoint in between.
 */
export class InvalidResponseError extends BedrockServiceError {
  override name = "InvalidResponseError";
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, { code: "InvalidResponse", retryable: false, ...options });
  }
}
