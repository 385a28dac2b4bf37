export { buildConverseBody, type BuildConverseBodyOptions } from "./build-converse-body.js";
export type * from "./converse-body.js";
export { normaliseToolCallId } from "./tool-call-id.js";
export { modelFamily, familyOfModel, claudeVersion, type ModelFamily, type ClaudeVersion } from "./model-family.js";
export { supportsPromptCaching } from "./prompt-caching.js";
export { encodeBase64 } from "./base64.js";
