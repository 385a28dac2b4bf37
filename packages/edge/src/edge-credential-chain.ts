import {
  ConfigError,
  configReaderOf,
  createCredentialChain,
  headCredentialSources,
  type CredentialChain,
  type CredentialProvider,
  type CredentialSourceProvider,
  type Credentials,
  type StreambedConfig,
} from "@streambed/core";

/** What to set when no credentials are found: only what an edge runtime can use (bindings, the config object, the option). */
export const EDGE_CREDENTIALS_NOT_FOUND_ADVICE =
  'Bind a Bedrock API key as AWS_BEARER_TOKEN_BEDROCK (or put it in the config object\'s models.providers["amazon-bedrock"].apiKey), or bind AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), or pass credentials to createBedrock().';

/**
 * The edge credential chain: the `credentials` option when given, then `AWS_BEARER_TOKEN_BEDROCK`
 * from the bindings / env object, then the config's `models.providers["amazon-bedrock"].apiKey`
 * (when `auth` selects it), then `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` + `AWS_SESSION_TOKEN`.
 * There is no profile, SSO, container or instance-role step: edge runtimes have no files and no
 * metadata service. Nothing found → `CredentialsNotFoundError` listing every step, its advice naming
 * only these sources. `config` must be one `parseConfig()` returned: the config step is the code it
 * carries, so a chain without a config bundles none.
 */
export function createEdgeCredentialChain(options: {
  env: Record<string, string | undefined>;
  credentials?: Credentials | CredentialProvider;
  /** The validated config object, when there is one. */
  config?: StreambedConfig;
}): CredentialChain {
  const config = options.config;
  let configStep: CredentialSourceProvider | undefined;
  if (config) {
    const reader = configReaderOf(config);
    if (!reader) throw new ConfigError("config must be the object parseConfig() returned: parseConfig(yourConfig, { env }).", { path: "config" });
    configStep = reader.apiKeySource(() => config);
  }
  return createCredentialChain(
    headCredentialSources({ env: options.env, credentials: options.credentials }, configStep),
    { notFoundAdvice: EDGE_CREDENTIALS_NOT_FOUND_ADVICE },
  );
}
