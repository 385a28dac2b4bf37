import type { StreambedConfig } from "../config/config-schema.js";
import { DISCOVERY_DEFAULTS } from "../config/discovery-settings.js";
import { PROFILE_PREFIXES, profilePrefix } from "../discovery/base-model-id.js";
import type { Model } from "../types/model.js";
import type { KnownModels } from "./known-models.js";
import { BEDROCK_PROVIDER } from "./parse-model-ref.js";

/**
 * What a client without a {@link KnownModels} table assumes about a model no listing describes:
 * nothing; Bedrock decides. `reasoning: true` (a requested reasoning level is sent in the model
 * family's form, and a model without reasoning refuses it with a typed error instead of it being
 * dropped), input text and image (a model without vision refuses the image), `maxTokens: 0`
 * (not known: no cap of streambed's own, Bedrock applies the model's maximum), or the config's
 * `models.bedrockDiscovery.defaultMaxTokens` when set. No name, price or caching flag.
 */
export function nothingAssumed(config: StreambedConfig | undefined): Partial<Model> {
  return { reasoning: true, input: ["text", "image"], maxTokens: config?.models?.bedrockDiscovery?.defaultMaxTokens ?? 0 };
}

/**
 * A Model for an id no listing or config has: with a {@link KnownModels} table, its entry, else
 * (a model the table does not know) the discovery defaults with no reasoning and text input;
 * without a table (an edge client given neither the table nor discovery), {@link nothingAssumed}.
 */
export function modelFromId(id: string, config: StreambedConfig | undefined, knownModels: KnownModels | undefined): Model {
  const known = knownModels ? knownModels(id) : nothingAssumed(config);
  const discovery = config?.models?.bedrockDiscovery;
  const prefix = profilePrefix(id);
  const model: Model = {
    id,
    name: known?.name ? (prefix ? `${known.name} (${PROFILE_PREFIXES[prefix]})` : known.name) : id,
    api: "bedrock-converse-stream",
    provider: BEDROCK_PROVIDER,
    reasoning: known?.reasoning ?? false,
    // Each model gets its own array and cost object, as knownModelLimits hands out.
    input: known?.input ? [...known.input] : ["text"],
    cost: known?.cost ? { ...known.cost } : { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: known?.contextWindow ?? discovery?.defaultContextWindow ?? DISCOVERY_DEFAULTS.defaultContextWindow,
    maxTokens: known?.maxTokens ?? discovery?.defaultMaxTokens ?? DISCOVERY_DEFAULTS.defaultMaxTokens,
  };
  if (known?.supportsCaching !== undefined) model.supportsCaching = known.supportsCaching;
  return model;
}
