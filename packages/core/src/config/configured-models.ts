import type { Model } from "../types/model.js";
import { knownModelLimits } from "../discovery/known-model-limits.js";
import type { KnownModels } from "../model/known-models.js";
import { nothingAssumed } from "../model/model-from-id.js";
import type { ConfiguredModel, StreambedConfig } from "./config-schema.js";
import { discoverySettings } from "./discovery-settings.js";

/**
 * The models listed under `models.providers["amazon-bedrock"].models`, as complete {@link Model}s.
 * Fields the config leaves out come from streambed's known-model table, else the discovery
 * defaults (`defaultContextWindow`, `defaultMaxTokens`); fields the config sets always win.
 */
export function configuredModels(config: StreambedConfig | undefined): Model[] {
  return configuredModelsWith(config, knownModelLimits);
}

/**
 * {@link configuredModels} with the known-model table as a parameter (the client's), so that reading
 * a config does not bundle the table. Without a table (an edge client given neither the table nor
 * discovery), the fields the config leaves out are `nothingAssumed`'s: Bedrock decides.
 */
export function configuredModelsWith(config: StreambedConfig | undefined, knownModels: KnownModels | undefined): Model[] {
  const list = config?.models?.providers?.["amazon-bedrock"]?.models;
  if (!Array.isArray(list)) return [];
  const defaults = discoverySettings(config);
  const out: Model[] = [];
  for (const m of list as ConfiguredModel[]) {
    if (typeof m?.id !== "string" || m.id.trim() === "") continue;
    const known = knownModels ? knownModels(m.id) : nothingAssumed(config);
    const model: Model = {
      id: m.id,
      name: m.name ?? known?.name ?? m.id,
      api: "bedrock-converse-stream",
      provider: "amazon-bedrock",
      reasoning: m.reasoning ?? known?.reasoning ?? false,
      input: m.input ? [...m.input] : (known?.input ?? ["text"]),
      cost: m.cost
        ? { input: m.cost.input, output: m.cost.output, cacheRead: m.cost.cacheRead ?? 0, cacheWrite: m.cost.cacheWrite ?? 0 }
        : (known?.cost ?? { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }),
      contextWindow: m.contextWindow ?? known?.contextWindow ?? defaults.defaultContextWindow,
      maxTokens: m.maxTokens ?? known?.maxTokens ?? defaults.defaultMaxTokens,
    };
    if (m.baseUrl !== undefined) model.baseUrl = m.baseUrl;
    if (m.headers !== undefined) model.headers = { ...m.headers };
    const caching = m.supportsCaching ?? known?.supportsCaching;
    if (caching !== undefined) model.supportsCaching = caching;
    out.push(model);
  }
  return out;
}
