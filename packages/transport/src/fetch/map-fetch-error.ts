import { BedrockError } from "../errors/bedrock-error.js";
import { AbortError, NetworkError } from "../errors/transport-errors.js";

/**
 * Turn what `fetch` threw (the call or a body read) into a streambed error: the caller's abort →
 * {@link AbortError}; anything else (fetch reports refused, reset, DNS, TLS and CORS failures all as
 * a bare `TypeError`) → {@link NetworkError}, with the runtime's message and cause code.
 */
export function mapFetchError(error: unknown, origin: string, signal: AbortSignal | undefined): BedrockError {
  if (error instanceof BedrockError) return error;
  // Only the caller's signal means "aborted"; a fetch wrapper's own abort is a failed request.
  if (signal?.aborted) return new AbortError(undefined, { cause: error });
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = [
    (error as Error)?.message ?? String(error),
    typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : undefined,
  ]
    .filter(Boolean)
    .join(": ");
  return new NetworkError(`Network error talking to ${origin} (${detail}). Check the endpoint and the network.`, { cause: error });
}
