import type { StreambedConfig } from "../config/config-schema.js";
import type { CredentialProvider, Credentials } from "../types/credentials.js";
import { configCredentialSource } from "./config-credential-source.js";
import type { CredentialSourceProvider } from "./credential-source.js";
import { headCredentialSources } from "./head-credential-sources.js";

export interface BaseCredentialSourcesOptions {
  /** Environment variables / bindings, read at each load. */
  env: Record<string, string | undefined>;
  /** The `credentials` option: beats every other source. */
  credentials?: Credentials | CredentialProvider;
  /** The config (a loader, called at each load; memoise it). Leave out for no config step. */
  config?: () => StreambedConfig | undefined | Promise<StreambedConfig | undefined>;
  /** The config's file, named in its errors. */
  configFile?: () => string | undefined;
}

/**
 * The runtime-free head of every chain, in order: `explicit` → `env: AWS_BEARER_TOKEN_BEDROCK` →
 * `config: models.providers["amazon-bedrock"].apiKey` (when `auth` selects it) →
 * `env: AWS_ACCESS_KEY_ID`. Adapters append their own steps (profile, web identity, container, IMDS).
 */
export function baseCredentialSources(options: BaseCredentialSourcesOptions): CredentialSourceProvider[] {
  return headCredentialSources(options, options.config ? configCredentialSource(options.config, options.configFile ? { file: options.configFile } : {}) : undefined);
}
