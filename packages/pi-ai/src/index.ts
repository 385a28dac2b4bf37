/**
 * `@streambed/pi-ai`: streambed as pi-ai's `bedrock-converse-stream` provider. Register it once
 * and pi-ai's `stream()` / `complete()` / `streamSimple()` / `completeSimple()` call Bedrock
 * through streambed (credential chain with IMDS, retries before the first event, idle timeout,
 * discovery). See docs/pi-ai.md.
 */
export { registerStreambedBedrock, unregisterStreambedBedrock, STREAMBED_SOURCE_ID } from "./register.js";
export { createStreambedBedrock, stream, streamSimple, type StreambedBedrockProvider, type StreambedPiAiOptions } from "./provider.js";
export { discoverPiAiModels, toPiAiModel, type DiscoverPiAiModelsOptions } from "./discover-models.js";
export { toStreambedRequest, AUTHENTICATED_PLACEHOLDER, type ProviderDefaults, type StreambedCall } from "./map-options.js";
export type { ClientSettings } from "./client-settings.js";
export { PiAiOptionError } from "./option-error.js";
