export {
  type ControlPlaneRequest,
  type ControlPlaneResponse,
  type DiscoveryCacheEntry,
  type DiscoveryCacheStore,
  type DiscoveryResult,
  type FoundationModelSummary,
  type InferenceProfileSummary,
} from "./discovery-types.js";
export { checkDiscoveryCacheEntry, isDiscoveryCacheEntry, type DiscoveryCacheEntryCheck } from "./discovery-cache-entry.js";
export {
  createDiscovery,
  discoveryCacheKey,
  PARTIAL_FAILURE_TTL_SECONDS,
  type Discovery,
  type DiscoveryOptions,
  type ListOptions as DiscoveryListOptions,
} from "./create-discovery.js";
export { createMemoryDiscoveryCache } from "./memory-cache.js";
export { mergeModels } from "./merge-models.js";
export { knownModelLimits } from "./known-model-limits.js";
export {
  applyLearnedLimits,
  createLearnedLimits,
  describeLearnedFacts,
  learnedLimitsCacheKey,
  readLearnedFacts,
  type LearnedLimit,
  type LearnedLimits,
  type LearnedModelFacts,
  type ModelWithLearnedLimits,
  type RefusedField,
} from "./learned-limits.js";
export { baseModelId, profilePrefix, PROFILE_PREFIXES } from "./base-model-id.js";
export { buildDiscoveredModels, indexProfiles } from "./build-discovered-models.js";
export { isStreamingTextModel, matchesProviderFilter, supportsOnDemand } from "./select-foundation-models.js";
export { fetchFoundationModels, fetchInferenceProfiles, PROFILE_PAGE_SIZE } from "./fetch-catalogue.js";
