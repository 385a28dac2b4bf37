export { parseModelRef } from "./parse-model-ref.js";
export { resolveModel, defaultModelRef } from "./resolve-model.js";
export { configuredModels } from "../config/configured-models.js";
