export { parseModelRef } from "./parse-model-ref.js";
export { resolveModel } from "./resolve-model.js";
export { defaultModelRef } from "./resolve-model-with.js";
export type { KnownModels } from "./known-models.js";
export { configuredModels } from "../config/configured-models.js";
