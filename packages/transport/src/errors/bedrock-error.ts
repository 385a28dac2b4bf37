/** Options shared by every streambed error. */
export interface BedrockErrorOptions {
  /** Machine-readable code: the AWS error type (e.g. `ThrottlingException`) or a streambed code. */
  code?: string;
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** `x-amzn-requestid` of the failed call, for AWS support. */
  requestId?: string;
  /** Whether repeating the same call may succeed. */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * Base class of every error streambed throws. Messages say what went wrong and what to do about
 * it; they never contain credentials, tokens or signatures.
 */
export class BedrockError extends Error {
  override name = "BedrockError";
  readonly code: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? "BedrockError";
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
  }
}
