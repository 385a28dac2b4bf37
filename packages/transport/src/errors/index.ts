export { BedrockError, type BedrockErrorOptions } from "./bedrock-error.js";
export {
  AbortError,
  EventStreamDecodeError,
  NetworkError,
  ResponseTooLargeError,
  TimeoutError,
  type DecodeErrorReason,
  type TimeoutKind,
} from "./transport-errors.js";
