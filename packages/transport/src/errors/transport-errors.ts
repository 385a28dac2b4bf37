import { BedrockError, type BedrockErrorOptions } from "./bedrock-error.js";

/** Why a byte stream could not be decoded as AWS event-stream frames. */
export type DecodeErrorReason =
  | "prelude-crc"
  | "message-crc"
  | "truncated"
  | "length-too-small"
  | "length-too-large"
  | "headers-length"
  | "header-type"
  | "header-malformed";

/** The response body is not a valid `application/vnd.amazon.eventstream` stream. */
export class EventStreamDecodeError extends BedrockError {
  override name = "EventStreamDecodeError";
  readonly reason: DecodeErrorReason;
  constructor(reason: DecodeErrorReason, message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "EventStreamDecodeError", retryable: false, ...options });
    this.reason = reason;
  }
}

/** The connection failed: refused, reset, DNS, TLS, proxy. Retryable before the first event. */
export class NetworkError extends BedrockError {
  override name = "NetworkError";
  constructor(message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "NetworkError", retryable: true, ...options });
  }
}

/** Which timeout fired. */
export type TimeoutKind = "connect" | "first-byte" | "idle" | "total";

/** A timeout fired; the connection was closed. */
export class TimeoutError extends BedrockError {
  override name = "TimeoutError";
  readonly kind: TimeoutKind;
  readonly timeoutMs: number;
  constructor(kind: TimeoutKind, timeoutMs: number, message?: string, options: BedrockErrorOptions = {}) {
    super(
      message ??
        `${kind} timeout: no ${kind === "idle" ? "data between frames" : kind === "total" ? "end of the call" : "response"} within ${timeoutMs} ms. Raise timeouts.${kind === "first-byte" ? "firstByte" : kind} or check the network.`,
      { code: "TimeoutError", retryable: kind !== "total", ...options },
    );
    this.kind = kind;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the call through its `AbortSignal`. */
export class AbortError extends BedrockError {
  override name = "AbortError";
  constructor(message = "The request was aborted by the caller's AbortSignal.", options: BedrockErrorOptions = {}) {
    super(message, { code: "AbortError", retryable: false, ...options });
  }
}

/**
 * A response body was larger than the limit it is read with (a Converse reply, an error body): reading
 * stopped at the limit and the connection was closed, so nothing unbounded is held in memory.
 * `limit` is that limit in bytes; the message says how to raise it.
 */
export class ResponseTooLargeError extends BedrockError {
  override name = "ResponseTooLargeError";
  readonly limit: number;
  constructor(limit: number, message: string, options: BedrockErrorOptions = {}) {
    super(message, { code: "ResponseTooLarge", retryable: false, ...options });
    this.limit = limit;
  }
}
