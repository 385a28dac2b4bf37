import { mergeModels } from "../discovery/merge-models.js";
import { baseModelId } from "../discovery/base-model-id.js";
import type { DiscoveryResult } from "../discovery/discovery-types.js";
import { applyLearnedLimits } from "../discovery/learned-limits.js";
import type { ListedModel, ModelListing, ModelListOptions } from "./bedrock-client.js";
import type { ClientContext } from "./client-context.js";
import type { ClientSettings } from "./client-settings.js";
import type { DiscoverModels } from "./model-discovery.js";

/** What a client without discovery reports as its discovery outcome. */
const NOT_INCLUDED: DiscoveryResult = {
  models: [],
  source: "disabled",
  reason: "discovery is not part of this client: pass discovery: modelDiscovery() to createBedrock()",
};

/**
 * `models.listing()`: the configured models merged with what `discover` found (none without it),
 * learned limits applied, filtered by provider.
 */
export function createModelListing(
  ctx: ClientContext,
  target: ClientSettings,
  discover: DiscoverModels | undefined,
): (options?: ModelListOptions) => Promise<ModelListing> {
  const { secrets } = ctx;
  return async function listing(opts: ModelListOptions = {}): Promise<ModelListing> {
    const { configured } = await ctx.loadConfig();
    const result = discover
      ? secrets.listing(
          await discover({
            ...(opts.includeLegacy !== undefined ? { includeLegacy: opts.includeLegacy } : {}),
            ...(opts.refresh !== undefined ? { refresh: opts.refresh } : {}),
            ...(opts.signal ? { signal: opts.signal } : {}),
          }),
        )
      : NOT_INCLUDED;
    const discoveredIds = new Set(result.models.map((m) => m.id));
    const configuredIds = new Set(configured.map((m) => m.id));
    let models: ListedModel[] = mergeModels(configured, result.models).map((m) => ({
      ...m,
      key: `amazon-bedrock/${m.id}`,
      source: configuredIds.has(m.id) ? (discoveredIds.has(m.id) ? "configured+discovered" : "configured") : "discovered",
    }));
    // Limits Bedrock itself named for a model (learned from its errors) apply when lower, with their source.
    const learned = await ctx.lessons.forEndpoint((await target.settings()).runtimeEndpoint).all();
    if (Object.keys(learned).length > 0) models = models.map((m) => applyLearnedLimits(m, learned[baseModelId(m.id)]));
    if (opts.provider) {
      const p = opts.provider.toLowerCase();
      models = models.filter((m) => (m.vendor ?? "").toLowerCase() === p || m.id.toLowerCase().replace(/^(us|eu|apac|global|jp|au|ca|us-gov)\./, "").startsWith(p));
    }
    ctx.debug?.({ event: "discovery", message: `${models.length} model(s); discovery ${result.source}${result.reason ? `: ${result.reason}` : ""}` });
    return { models, discovery: result };
  };
}
