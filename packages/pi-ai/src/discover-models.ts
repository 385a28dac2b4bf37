import type { Model } from "@mariozechner/pi-ai";
import type { ListedModel } from "streambed";
import { ClientPool } from "./client-pool.js";
import type { StreambedPiAiOptions } from "./provider.js";

/** Options of {@link discoverPiAiModels}. */
export interface DiscoverPiAiModelsOptions extends StreambedPiAiOptions {
  /** Region to list (else streambed resolves it: config → AWS_REGION → … → us-east-1). */
  region?: string;
  /** Shared-config profile. */
  profile?: string;
  /** Ask Bedrock again instead of using the discovery cache. */
  refresh?: boolean;
  /** Include models Bedrock marks LEGACY. */
  includeLegacy?: boolean;
  signal?: AbortSignal;
}

/** A model streambed lists → pi-ai's `Model` for `bedrock-converse-stream`, calling `baseUrl`. */
export function toPiAiModel(model: ListedModel, baseUrl: string): Model<"bedrock-converse-stream"> {
  return {
    id: model.id,
    name: model.name,
    api: "bedrock-converse-stream",
    provider: "amazon-bedrock",
    baseUrl: model.baseUrl ?? baseUrl,
    reasoning: model.reasoning,
    input: [...model.input],
    cost: { ...model.cost },
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    ...(model.headers ? { headers: { ...model.headers } } : {}),
  };
}

/**
 * The Bedrock models this account can call, as pi-ai `Model` objects a host can list and pass to
 * `stream()`: streambed's discovery (ListFoundationModels + ListInferenceProfiles, cached), merged
 * with the configured models, with limits and prices from streambed's known-model table. `baseUrl`
 * is the runtime endpoint the models are called at. Discovery failures give the configured models
 * only (see streambed's `models.listing()` for why).
 */
export async function discoverPiAiModels(options: DiscoverPiAiModelsOptions = {}): Promise<Array<Model<"bedrock-converse-stream">>> {
  const pool = new ClientPool(options.bedrock);
  try {
    const client = pool.get({ ...(options.region ? { region: options.region } : {}), ...(options.profile ? { profile: options.profile } : {}) });
    const [models, settings] = await Promise.all([
      client.models.list({ ...(options.refresh ? { refresh: true } : {}), ...(options.includeLegacy ? { includeLegacy: true } : {}), ...(options.signal ? { signal: options.signal } : {}) }),
      client.settings(),
    ]);
    return models.map((model) => toPiAiModel(model, settings.runtimeEndpoint));
  } finally {
    await pool.close();
  }
}
