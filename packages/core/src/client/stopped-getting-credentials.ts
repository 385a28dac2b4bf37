import { AbortError, TimeoutError, type BedrockError } from "@streambed/transport";
import type { CredentialsError, StreamAbandonedError } from "../errors/index.js";

/**
 * The call's deadline (`reason`) ended it while the credential chain was loading; the chain's
 * `CredentialsError`, naming the source it gave up on, becomes the cause.
 */
export function stoppedGettingCredentials(reason: TimeoutError | AbortError | StreamAbandonedError, cause: CredentialsError): BedrockError {
  const source = cause.source ?? "the credential chain";
  if (reason instanceof TimeoutError) {
    const option = `timeouts.${reason.kind === "first-byte" ? "firstByte" : reason.kind}Ms`;
    return new TimeoutError(
      reason.kind,
      reason.timeoutMs,
      `${reason.kind} timeout: getting credentials from ${source} took longer than ${reason.timeoutMs} ms (${option}); nothing was sent. See the cause; raise ${option} if the source is only slow.`,
      { cause },
    );
  }
  return new AbortError(`The request was aborted by the caller's AbortSignal while getting credentials from ${source}; nothing was sent.`, { cause });
}
