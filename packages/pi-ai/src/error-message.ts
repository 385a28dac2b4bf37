import { AbortError, BedrockServiceError } from "streambed";

/**
 * pi-ai's prefixes for Bedrock's exceptions: hosts match them (pi's retry logic looks for
 * `server.?error`, `service.?unavailable`; context-overflow detection reads validation errors).
 */
const PREFIXES: Readonly<Record<string, string>> = {
  InternalServerException: "Internal server error",
  ModelStreamErrorException: "Model stream error",
  ValidationException: "Validation error",
  ThrottlingException: "Throttling error",
  ServiceUnavailableException: "Service unavailable",
};

/** pi-ai's message when the caller's signal aborted the call. */
export const ABORTED_MESSAGE = "Request was aborted";

/**
 * A failure → the `errorMessage` pi-ai's Bedrock provider gives it. An error Bedrock reported
 * (HTTP error or exception frame) is `<prefix or AWS type>: <Bedrock's message>`, as pi-ai
 * formats the AWS SDK's exceptions; an abort is pi-ai's "Request was aborted"; anything streambed
 * raised itself (timeouts, network, credentials, invalid request, refused option) keeps
 * streambed's message, which says what happened and what to do.
 */
export function errorMessage(error: unknown, aborted: boolean): string {
  if (aborted || error instanceof AbortError) return ABORTED_MESSAGE;
  if (error instanceof BedrockServiceError) {
    const text = error.serviceMessage ?? error.message;
    return `${PREFIXES[error.code] ?? error.code}: ${text}`;
  }
  return error instanceof Error ? error.message : JSON.stringify(error);
}
