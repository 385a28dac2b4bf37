import type { CredentialSourceProvider } from "../credentials/credential-source.js";
import type { ConfigCredentialSourceOptions } from "../credentials/config-credential-source.js";
import type { KnownModels } from "../model/known-models.js";
import type { Model } from "../types/model.js";
import type { StreambedConfig } from "./config-schema.js";

/**
 * What a client reads a config with: the configured models, the secrets to redact, the config's
 * Bedrock API key as a credential step. It travels with the config (a config `parseConfig()`
 * returned carries it; `createClient` takes it as `configReader` with a config loader), so a client
 * without a config bundles none of this code. Made only by streambed (`configReader`).
 */
export interface ConfigReader {
  /** `models.providers["amazon-bedrock"].models` as complete models, gaps filled from `knownModels` (`configuredModelsWith`). */
  models(config: StreambedConfig | undefined, knownModels: KnownModels | undefined): Model[];
  /** The secrets the config holds (`configSecrets`). */
  secrets(config: StreambedConfig | undefined): string[];
  /** The config's Bedrock API key as a credential step (`configCredentialSource`). */
  apiKeySource(
    config: () => StreambedConfig | undefined | Promise<StreambedConfig | undefined>,
    options?: ConfigCredentialSourceOptions,
  ): CredentialSourceProvider;
}
