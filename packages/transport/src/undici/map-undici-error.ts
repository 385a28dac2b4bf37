import { BedrockError } from "../errors/bedrock-error.js";
import { AbortError, NetworkError, TimeoutError } from "../errors/transport-errors.js";
import type { AbortWatch } from "../transport.js";

/** Timeouts the dispatcher was built with, for the error message. */
export interface UndiciTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

const INVALID_REQUEST = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED", "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH", "ERR_INVALID_URL"]);

function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e !== null && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** An error message without any `user:password@` that a proxy URL may have carried. */
export function redactUserinfo(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, "//***@");
}

/**
 * Turn whatever undici threw (before the headers or while reading the body) into a streambed error:
 * the caller's abort → {@link AbortError}; undici's timeouts → {@link TimeoutError}; a request undici
 * refused to send → `BedrockError` `InvalidRequest`; anything else (refused, reset, DNS, TLS,
 * proxy) → {@link NetworkError}.
 */
export function mapUndiciError(error: unknown, origin: string, signal: AbortWatch | undefined, timeouts: UndiciTimeouts): BedrockError {
  if (error instanceof BedrockError) return error;
  const code = codeOf(error);
  // Only the caller's signal means "aborted": undici also reports a failed proxy tunnel as UND_ERR_ABORTED.
  if (signal?.aborted) return new AbortError(undefined, { cause: error });
  const detail = redactUserinfo(`${code ?? (error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`);
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return new TimeoutError("connect", timeouts.connectTimeoutMs, `Could not connect to ${origin} within ${timeouts.connectTimeoutMs} ms (${detail}). Check the endpoint, network and proxy settings.`, { cause: error });
    case "UND_ERR_HEADERS_TIMEOUT":
      return new TimeoutError("first-byte", timeouts.headersTimeoutMs, undefined, { cause: error });
    case "UND_ERR_BODY_TIMEOUT":
      return new TimeoutError("idle", timeouts.bodyTimeoutMs, undefined, { cause: error });
  }
  if (code !== undefined && INVALID_REQUEST.has(code)) {
    return new BedrockError(`The HTTP client refused to send the request to ${origin} (${detail}). This is a bug in the request building; please report it.`, {
      code: "InvalidRequest",
      retryable: false,
      cause: error,
    });
  }
  return new NetworkError(`Network error talking to ${origin} (${detail}). Check the endpoint, network and proxy settings.`, { cause: error });
}
