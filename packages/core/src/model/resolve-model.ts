import type { Model } from "../types/model.js";
import type { StreambedConfig } from "../config/config-schema.js";
import { configuredModels } from "../config/configured-models.js";
import { knownModelLimits } from "../discovery/known-model-limits.js";
import { rememberById } from "./remember-by-id.js";
import { resolveModelWith } from "./resolve-model-with.js";

/**
 * The known-model table's entry for an id, remembered: matching an id against the table's patterns
 * is most of resolving a bare id (≈ 20 µs a call when the CPU comes back from waiting on the network).
 * Made on first use: a module-level call would keep the table in bundles that never resolve this way.
 */
let knownLimits: ((id: string) => ReturnType<typeof knownModelLimits>) | undefined;

/**
 * Turns what a call names into a {@link Model}, with streambed's known-model table:
 * - a Model object (pi-ai's shape) is used as it is;
 * - `"amazon-bedrock/<id>"`, a bare id, an inference-profile id or an ARN is looked up in
 *   `context.models` (configured + discovered), then the config's models; an id found nowhere
 *   still works: it gets the known limits for that model, else the discovery defaults;
 * - `undefined` means the config's `agents.defaults.model.primary`.
 * Throws `ModelNotFoundError` when no model is named and no default is set, or when the
 * reference names another provider.
 */
export function resolveModel(
  ref: string | Model | undefined,
  context: { config?: StreambedConfig | undefined; models?: readonly Model[] | undefined } = {},
): Model {
  const { config } = context;
  // The config's models are built only when the listed ones (usually configured + discovered) miss.
  return resolveModelWith(ref, { config, models: context.models, more: () => configuredModels(config), knownModels: (knownLimits ??= rememberById(knownModelLimits)) });
}
