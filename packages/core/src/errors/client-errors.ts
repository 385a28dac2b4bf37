import { BedrockError, type BedrockErrorOptions } from "@streambed/transport";

/** The request given to `stream()` / `complete()` is invalid; raised before any network call. */
export class InvalidRequestError extends BedrockError {
  override name = "InvalidRequestError";
  /** Where in the request the problem is, e.g. `messages[2].content[0]`. */
  readonly path: string | undefined;
  constructor(message: string, options: BedrockErrorOptions & { path?: string } = {}) {
    super(message, { code: "InvalidRequest", retryable: false, ...options });
    this.path = options.path;
  }
}

/** What to set when no credentials were found, in chain order (Node's chain; the edge passes its own). */
export const CREDENTIALS_NOT_FOUND_ADVICE =
  'Set a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK or in the config\'s models.providers["amazon-bedrock"].apiKey, or set AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or pass credentials to createBedrock().';

/** No credentials were found. `tried` lists each source, in order, with why it gave nothing. */
export class CredentialsNotFoundError extends BedrockError {
  override name = "CredentialsNotFoundError";
  readonly tried: string[];
  /** `advice`: what to set, naming only the sources this runtime has (default {@link CREDENTIALS_NOT_FOUND_ADVICE}). */
  constructor(tried: string[], options: BedrockErrorOptions & { advice?: string } = {}) {
    const { advice = CREDENTIALS_NOT_FOUND_ADVICE, ...rest } = options;
    super(`No AWS credentials found. Tried, in order:\n${tried.map((t) => `  - ${t}`).join("\n")}\n${advice}`, {
      code: "CredentialsNotFound",
      retryable: false,
      ...rest,
    });
    this.tried = tried;
  }
}

/** A credential source was found but failed (expired SSO session, failing credential_process, …). */
export class CredentialsError extends BedrockError {
  override name = "CredentialsError";
  readonly source: string | undefined;
  constructor(message: string, options: BedrockErrorOptions & { source?: string } = {}) {
    super(message, { code: "CredentialsError", retryable: false, ...options });
    this.source = options.source;
  }
}

/** The configuration is invalid. `path` names the offending key, e.g. `models.bedrockDiscovery.refreshInterval`. */
export class ConfigError extends BedrockError {
  override name = "ConfigError";
  readonly path: string | undefined;
  /** The config file, when the config came from one. */
  readonly file: string | undefined;
  constructor(message: string, options: BedrockErrorOptions & { path?: string; file?: string } = {}) {
    super(message, { code: "ConfigInvalid", retryable: false, ...options });
    this.path = options.path;
    this.file = options.file;
  }
}

/** The model reference does not name a usable model. */
export class ModelNotFoundError extends BedrockError {
  override name = "ModelNotFoundError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "ModelNotFound", retryable: false, ...options });
  }
}

/**
 * The caller stopped pulling a stream: no `next()` for `timeouts.pullMs` (default 5 minutes) while
 * it still held the iterator. The call was closed — connection released, timers cleared — and
 * this is thrown by the next pull. Raised only after events were handed out; never retried.
 */
export class StreamAbandonedError extends BedrockError {
  override name = "StreamAbandonedError";
  /** The limit that was exceeded, in ms. */
  readonly pullMs: number;
  constructor(pullMs: number, options: BedrockErrorOptions = {}) {
    super(
      `The stream was closed because its next event was not asked for within ${pullMs} ms (timeouts.pullMs): the connection was released and the reply is incomplete. Keep pulling (or call return() / break when you are done), or raise timeouts.pullMs (0 turns the limit off).`,
      { code: "StreamAbandoned", retryable: false, ...options },
    );
    this.pullMs = pullMs;
  }
}
