import type { FoundationModelSummary } from "./discovery-types.js";
import { baseModelId } from "./base-model-id.js";

function has(list: string[] | undefined, value: string): boolean {
  return (list ?? []).some((entry) => typeof entry === "string" && entry.toUpperCase() === value);
}

/**
 * Whether a foundation model can serve ConverseStream text: it streams, outputs TEXT, and is
 * ACTIVE (or LEGACY when `includeLegacy`). Embedding and image-generation models drop out here.
 */
export function isStreamingTextModel(summary: FoundationModelSummary, includeLegacy: boolean): boolean {
  if (typeof summary.modelId !== "string" || summary.modelId.trim() === "") return false;
  if (summary.responseStreamingSupported !== true) return false;
  if (!has(summary.outputModalities, "TEXT")) return false;
  const status = String(summary.modelLifecycle?.status ?? "").toUpperCase();
  return status === "ACTIVE" || (includeLegacy && status === "LEGACY");
}

/**
 * Whether a model passes `providerFilter` (already lower-cased): an entry equals the provider name
 * ("anthropic", "meta") or is a prefix of the model id ("anthropic.claude-sonnet", "us.amazon").
 * An empty filter lets everything through.
 */
export function matchesProviderFilter(modelId: string, providerName: string | undefined, filter: readonly string[]): boolean {
  if (filter.length === 0) return true;
  const provider = (providerName ?? "").trim().toLowerCase();
  const id = modelId.toLowerCase();
  const base = baseModelId(id);
  return filter.some((f) => f === provider || base.startsWith(f) || id.startsWith(f));
}

/** Whether the model can be called by its bare id (else only through an inference profile). */
export function supportsOnDemand(summary: FoundationModelSummary): boolean {
  // Older catalogues omit the field for plain on-demand models.
  return summary.inferenceTypesSupported === undefined || has(summary.inferenceTypesSupported, "ON_DEMAND");
}
