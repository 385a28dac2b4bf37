export { modelDiscovery } from "./discover-models.js";
export type { ModelDiscovery } from "./model-discovery.js";
export { createClient, type BedrockClient, type ListedModel, type ModelListing, type ResolvedSettings } from "./create-client.js";
export type { ClientOptions, DebugEntry, Sha256Constructor } from "./client-options.js";
export { backoffDelayMs, resolveRetryPolicy, type RetryOptions, type RetryPolicy } from "./retry-policy.js";
export type { TimeoutOptions } from "./call-timeouts.js";
export { applyCommonOptions, type CommonBedrockOptions } from "./common-options.js";
