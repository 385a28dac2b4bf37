import { AwsErrorReply } from "../http/aws-error.js";

/** The five exceptions Bedrock can send inside a ConverseStream, with their messages. */
export const STREAM_EXCEPTIONS: Record<string, { message: string; extra?: Record<string, unknown> }> = {
  internalServerException: { message: "The server encountered an internal error while processing the request." },
  modelStreamErrorException: {
    message: "The model returned an error while streaming the response.",
    extra: { originalStatusCode: 500, originalMessage: "Model stream error" },
  },
  validationException: { message: "The model output violated a constraint. Try again with a different input." },
  throttlingException: { message: "Too many tokens, please wait before trying again." },
  serviceUnavailableException: { message: "The service is temporarily unable to handle the request. Try again later." },
};

/** HTTP-level faults: status, AWS error type, message. */
const HTTP_FAULTS: Record<string, [number, string, string]> = {
  throttle: [429, "ThrottlingException", "Too many requests, please wait before trying again."],
  "429": [429, "ThrottlingException", "Too many requests, please wait before trying again."],
  "model-not-ready": [429, "ModelNotReadyException", "Model is not ready to serve inference requests. The AWS SDK will automatically retry the operation."],
  "400": [400, "ValidationException", "The request is invalid (emulator fault)."],
  "403": [403, "AccessDeniedException", "You don't have access to the model with the specified model ID."],
  "404": [404, "ResourceNotFoundException", "The requested resource could not be found."],
  "408": [408, "ModelTimeoutException", "The request took too long to process. Processing time exceeded the model timeout length."],
  "424": [424, "ModelErrorException", "The model returned an error while processing the request."],
  "500": [500, "InternalServerException", "The server encountered an internal error while processing the request."],
  "503": [503, "ServiceUnavailableException", "Bedrock is unable to process your request."],
};

/** A fault to inject. `mid` faults happen after the first content delta of a ConverseStream. */
export type Fault =
  | { kind: "http"; error: AwsErrorReply }
  | { kind: "exception"; exceptionType: string }
  | { kind: "error-frame" }
  | { kind: "corrupt"; how: "bad-prelude-crc" | "bad-message-crc" | "truncated" }
  | { kind: "stall"; ms: number; where: "mid" | "headers" }
  | { kind: "reset"; where: "mid" | "headers" };

/** Every accepted fault name (for the docs and the error on an unknown one). */
export const FAULT_NAMES = [
  ...Object.keys(HTTP_FAULTS),
  ...Object.keys(STREAM_EXCEPTIONS),
  "exception:<streamExceptionName>",
  "error-frame",
  "bad-prelude-crc",
  "bad-message-crc",
  "truncated",
  "stall:<seconds>",
  "stall-headers:<seconds>",
  "reset",
  "reset-mid",
];

/** Parse a fault name (`x-streambed-emulator-fault`, `emulator.fault.<name>` model ids, {@link Reply.fault}). */
export function parseFault(value: string): Fault | AwsErrorReply {
  const name = value.trim();
  const http = HTTP_FAULTS[name];
  if (http) return { kind: "http", error: new AwsErrorReply(http[0], http[1], http[2]) };
  const exception = name.startsWith("exception:") ? name.slice("exception:".length) : name;
  if (STREAM_EXCEPTIONS[exception]) return { kind: "exception", exceptionType: exception };
  if (name === "error-frame") return { kind: "error-frame" };
  if (name === "bad-prelude-crc" || name === "bad-message-crc" || name === "truncated") return { kind: "corrupt", how: name };
  const stall = /^(stall|stall-headers):(\d+(?:\.\d+)?)$/.exec(name);
  if (stall) return { kind: "stall", ms: Number(stall[2]) * 1000, where: stall[1] === "stall" ? "mid" : "headers" };
  if (name === "reset") return { kind: "reset", where: "headers" };
  if (name === "reset-mid") return { kind: "reset", where: "mid" };
  return new AwsErrorReply(400, "ValidationException", `Unknown emulator fault "${name}". Use one of: ${FAULT_NAMES.join(", ")}.`);
}
