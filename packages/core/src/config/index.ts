export {
  PROVIDER_AUTH_MODES,
  type BedrockDiscoveryConfig,
  type BedrockProviderConfig,
  type ConfiguredModel,
  type StreambedConfig,
} from "./config-schema.js";
export { parseConfig, describeReceived } from "./parse-config.js";
export { configReaderOf, isParsedConfig } from "./parsed-configs.js";
export { configReader } from "./config-reader.js";
export type { ConfigReader } from "./config-reader-type.js";
export { isSecretConfigKey, isSecretConfigPath, isSecretHeaderName } from "./secret-config-keys.js";
export {
  DISCOVERY_DEFAULTS,
  discoverySettings,
  normalizeProviderFilter,
  type ResolvedDiscoverySettings,
} from "./discovery-settings.js";
export {
  getConfigPath,
  setConfigPath,
  unsetConfigPath,
  parseConfigPath,
  formatConfigPath,
  type ConfigPathSegment,
} from "./config-path.js";
export { configuredModels } from "./configured-models.js";
export { unknownConfigKey, type UnknownConfigKey } from "./unknown-config-key.js";
export { configApiKey, configApiKeyState, CONFIG_API_KEY_PATH, type ConfigApiKeyState } from "./config-api-key.js";
export { substituteEnv, type EnvSubstitution, type UnresolvedEnvReference } from "./substitute-env.js";
