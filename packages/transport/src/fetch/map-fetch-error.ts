import { BedrockError } from "../errors/bedrock-error.js";
import { AbortError, NetworkError } from "../errors/transport-errors.js";

/**
 * The messages (and string codes) along an error's `cause` chain, joined: Node's fetch wraps the
 * real reason two levels deep (`fetch failed` → `Request was cancelled.` → `Proxy response (403)
 * !== 200 when HTTP Tunneling`). `user:password@` in URLs is removed.
 */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = typeof e === "object" ? (e as { message?: unknown }).message : e;
    const code = typeof e === "object" ? (e as { code?: unknown }).code : undefined;
    for (const part of [typeof message === "string" ? message : String(message ?? ""), typeof code === "string" ? code : ""]) {
      if (part && !parts.includes(part)) parts.push(part);
    }
  }
  return parts.join(": ").replace(/\/\/[^/@\s]*@/g, "//***@");
}

/**
 * Turn what `fetch` threw (the call or a body read) into a streambed error: the caller's abort →
 * {@link AbortError}; anything else (fetch reports refused, reset, DNS, TLS and CORS failures all as
 * a bare `TypeError`) → {@link NetworkError}, with the runtime's message and cause code.
 */
export function mapFetchError(error: unknown, origin: string, signal: AbortSignal | undefined): BedrockError {
  if (error instanceof BedrockError) return error;
  // Only the caller's signal means "aborted"; a fetch wrapper's own abort is a failed request.
  if (signal?.aborted) return new AbortError(undefined, { cause: error });
  const detail = causeChain(error);
  return new NetworkError(`Network error talking to ${origin} (${detail}). Check the endpoint and the network.`, { cause: error });
}
