import { BedrockError } from "../errors/bedrock-error.js";
import { AbortError, NetworkError, TimeoutError } from "../errors/transport-errors.js";
import type { AbortWatch } from "../transport.js";

/** Codes node:http throws for a request it refuses to send (bad header name or value, bad method, bad URL). */
const INVALID_REQUEST = new Set([
  "ERR_INVALID_CHAR",
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_HTTP_INVALID_HEADER_VALUE",
  "ERR_INVALID_URL",
  "ERR_INVALID_PROTOCOL",
  "ERR_UNESCAPED_CHARACTERS",
]);

/** A timeout the transport itself enforces (connect, or the 5-minute header/body inactivity limits). */
export class NodeHttpTimeout extends Error {
  override name = "NodeHttpTimeout";
  constructor(
    readonly kind: "connect" | "first-byte" | "idle",
    readonly timeoutMs: number,
  ) {
    super(`${kind} timeout after ${timeoutMs} ms`);
  }
}

/**
 * Turn whatever node:http threw or emitted (before the headers or while reading the body) into a
 * streambed error, as the undici transport does: the caller's abort → {@link AbortError}; the
 * transport's timeouts → {@link TimeoutError}; a request node:http refused to send → `BedrockError`
 * `InvalidRequest` (its message names the header, never the value); anything else (refused, reset,
 * DNS, TLS) → {@link NetworkError}.
 */
export function mapNodeHttpError(error: unknown, origin: string, signal: AbortWatch | undefined): BedrockError {
  if (error instanceof BedrockError) return error;
  if (signal?.aborted) return new AbortError(undefined, { cause: error });
  if (error instanceof NodeHttpTimeout) {
    return error.kind === "connect"
      ? new TimeoutError("connect", error.timeoutMs, `Could not connect to ${origin} within ${error.timeoutMs} ms. Check the endpoint and network.`, { cause: error })
      : new TimeoutError(error.kind, error.timeoutMs, undefined, { cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const detail = `${typeof code === "string" ? code : ((error as Error)?.name ?? "Error")}: ${(error as Error)?.message ?? String(error)}`;
  if (typeof code === "string" && INVALID_REQUEST.has(code)) {
    // ERR_HTTP_INVALID_HEADER_VALUE quotes the value: keep only the header's name.
    const named = detail.replace(/Invalid value "[^]*" for header/, "Invalid value for header");
    return new BedrockError(`The HTTP client refused to send the request to ${origin} (${named}). This is a bug in the request building; please report it.`, {
      code: "InvalidRequest",
      retryable: false,
      cause: error,
    });
  }
  return new NetworkError(`Network error talking to ${origin} (${detail}). Check the endpoint and network.`, { cause: error });
}
