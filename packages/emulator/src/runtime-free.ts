/**
 * Everything except the loopback server: no `node:*` import, so workerd, Deno, Bun and browsers
 * can run the handlers (`import { createBedrockHandlers } from "@streambed/emulator/handlers"`).
 */
export { createBedrockHandlers, BEHAVIOUR_HEADER, FAULT_HEADER, SPEED_HEADER } from "./handlers.js";
export { REFUSE_HEADER } from "./converse/limit-and-field-rules.js";
export { DEMO_CREDENTIALS } from "./demo-credentials.js";
export { defaultModels, defaultProfiles, EMULATOR_ACCOUNT_ID } from "./catalogue/default-catalogue.js";
export { BEHAVIOURS } from "./converse/behaviour.js";
export { FAULT_NAMES, STREAM_EXCEPTIONS } from "./converse/faults.js";
export { TEST_GUARDRAIL, type EmulatorGuardrail } from "./converse/guardrail.js";
export { TEST_PROMPT, type EmulatorPrompt } from "./converse/prompts.js";
export type { FoundationModelSummary, InferenceProfileSummary } from "./catalogue/types.js";
export type {
  ConverseRequestInfo,
  ConverseStreamEventJson,
  EmulatorCredential,
  EmulatorOptions,
  RecordedRequest,
  Reply,
  TokenUsage,
} from "./options.js";
