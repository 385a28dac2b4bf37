import { CONFIG_API_KEY_PATH, configApiKey, configApiKeyState } from "../config/config-api-key.js";
import type { StreambedConfig } from "../config/config-schema.js";
import type { CredentialSourceProvider } from "./credential-source.js";

/** The `describe()` label of the config's Bedrock API key. */
export const CONFIG_API_KEY_SOURCE = `config: ${CONFIG_API_KEY_PATH}`;

export interface ConfigCredentialSourceOptions {
  /** The file the config came from, named in errors (read after `config()` resolved). */
  file?: () => string | undefined;
}

/**
 * `models.providers["amazon-bedrock"].apiKey` as a bearer token, when `auth` selects it (see
 * `configApiKeyState`). `config` is called at each load (pass the client's memoised loader, so the
 * file is read once). Label `config: models.providers["amazon-bedrock"].apiKey`. Not present when
 * there is no key or `auth` is "aws-sdk" (the `tried` line says which); a key `auth` requires but
 * cannot use (missing, empty, `${VAR}`) is a `ConfigError` naming the key path.
 */
export function configCredentialSource(
  config: () => StreambedConfig | undefined | Promise<StreambedConfig | undefined>,
  options: ConfigCredentialSourceOptions = {},
): CredentialSourceProvider {
  const source: CredentialSourceProvider = {
    label: CONFIG_API_KEY_SOURCE,
    absent: "not set",
    async load() {
      const loaded = await config();
      const file = options.file?.();
      const apiKey = configApiKey(loaded, file ? { file } : {});
      if (apiKey) return { bearerToken: apiKey };
      const state = configApiKeyState(loaded);
      source.absent = state.state === "absent" || state.state === "ignored" ? state.reason : "not set";
      return undefined;
    },
  };
  return source;
}
