import type { InputModality, Model } from "../types/model.js";
import { PROFILE_PREFIXES, baseModelId, profilePrefix } from "./base-model-id.js";
import type { FoundationModelSummary, InferenceProfileSummary } from "./discovery-types.js";
import { knownModelLimits } from "./known-model-limits.js";
import { isStreamingTextModel, matchesProviderFilter, supportsOnDemand } from "./select-foundation-models.js";

export interface BuildOptions {
  providerFilter: readonly string[];
  includeLegacy: boolean;
  defaultContextWindow: number;
  defaultMaxTokens: number;
}

/** An inference profile usable in place of a model: the id to call and the label for the name. */
interface ProfileOffer {
  id: string;
  label: string;
}

function inputOf(summary: FoundationModelSummary): InputModality[] {
  const input = new Set<InputModality>();
  for (const m of summary.inputModalities ?? []) {
    const lower = String(m).toLowerCase();
    if (lower === "text" || lower === "image") input.add(lower);
  }
  if (input.size === 0) input.add("text");
  return [...input];
}

/** Streambed's guess when a model is not in the known table: names that say so. */
function looksLikeReasoning(id: string, name: string): boolean {
  return /reason|thinking|(^|[.\-])r1([.\-:]|$)/i.test(`${id} ${name}`);
}

/** Index ACTIVE inference profiles by the foundation-model id they route to. */
export function indexProfiles(profiles: readonly InferenceProfileSummary[]): Map<string, ProfileOffer[]> {
  const byModel = new Map<string, ProfileOffer[]>();
  for (const p of profiles) {
    if (p.status !== undefined && String(p.status).toUpperCase() !== "ACTIVE") continue;
    const application = String(p.type ?? "").toUpperCase() === "APPLICATION";
    const id = application ? p.inferenceProfileArn : p.inferenceProfileId;
    if (typeof id !== "string" || id === "") continue;
    const prefix = profilePrefix(id);
    const label = application
      ? (p.inferenceProfileName ?? "application profile")
      : prefix !== undefined
        ? (PROFILE_PREFIXES[prefix] ?? prefix.toUpperCase())
        : (p.inferenceProfileName ?? id);
    const seen = new Set<string>();
    for (const m of p.models ?? []) {
      if (typeof m?.modelArn !== "string") continue;
      const base = baseModelId(m.modelArn);
      if (seen.has(base)) continue;
      seen.add(base);
      const offers = byModel.get(base) ?? [];
      if (!offers.some((o) => o.id === id)) offers.push({ id, label });
      byModel.set(base, offers);
    }
  }
  return byModel;
}

/**
 * ListFoundationModels (+ ListInferenceProfiles, when they could be listed) → the models a user
 * can call with ConverseStream. Models that need an inference profile are offered under each
 * profile id that exists for them; on-demand models under their own id (and their profiles).
 * `withoutProfile` counts profile-only models left out because no profile was found.
 */
export function buildDiscoveredModels(
  summaries: readonly FoundationModelSummary[],
  profiles: readonly InferenceProfileSummary[] | undefined,
  options: BuildOptions,
): { models: Model[]; withoutProfile: string[] } {
  const offers = indexProfiles(profiles ?? []);
  const byId = new Map<string, Model>();
  const withoutProfile: string[] = [];
  for (const summary of summaries) {
    if (!isStreamingTextModel(summary, options.includeLegacy)) continue;
    const modelId = summary.modelId!.trim();
    if (!matchesProviderFilter(modelId, summary.providerName, options.providerFilter)) continue;
    const name = summary.modelName?.trim() || modelId;
    const known = knownModelLimits(modelId);
    const base: Model = {
      id: modelId,
      name,
      api: "bedrock-converse-stream",
      provider: "amazon-bedrock",
      reasoning: known?.reasoning ?? looksLikeReasoning(modelId, name),
      input: inputOf(summary),
      cost: known?.cost ?? { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      contextWindow: known?.contextWindow ?? options.defaultContextWindow,
      maxTokens: known?.maxTokens ?? options.defaultMaxTokens,
      ...(summary.providerName ? { vendor: summary.providerName } : {}),
      ...(known?.supportsCaching !== undefined ? { supportsCaching: known.supportsCaching } : {}),
    };
    const modelOffers = offers.get(baseModelId(modelId)) ?? [];
    if (supportsOnDemand(summary)) {
      if (!byId.has(base.id)) byId.set(base.id, base);
    } else if (modelOffers.length === 0) {
      withoutProfile.push(modelId);
    }
    for (const offer of modelOffers) {
      if (!byId.has(offer.id)) byId.set(offer.id, { ...base, id: offer.id, name: `${name} (${offer.label})`, input: [...base.input], cost: { ...base.cost } });
    }
  }
  const models = [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { models, withoutProfile };
}
