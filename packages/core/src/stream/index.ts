export type { BedrockUsage } from "./bedrock-types.js";
export { computeUsage } from "./compute-usage.js";
export { mapStopReason } from "./map-stop-reason.js";
export {
  BEDROCK_API,
  BEDROCK_PROVIDER,
  normaliseStream,
  type MalformedToolCall,
  type StreamContext,
} from "./normalise-stream.js";
export { parseConverseResponse } from "./parse-converse-response.js";
export { parsePartialJson } from "./parse-partial-json.js";
export { rawBedrockEvents } from "./raw-bedrock-events.js";
// The error mappers live in ../errors; re-exported here because the stream and the client use them together.
export { errorFromFrame, errorFromResponse } from "../errors/index.js";
