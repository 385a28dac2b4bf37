import type { CredentialChain, CredentialProvider, Credentials, CredentialSourceProvider, StreambedConfig } from "@streambed/core";
import { baseCredentialSources, createCredentialChain } from "@streambed/core";
import type { AwsProviders } from "./aws-providers.js";
import { containerCredentialSource } from "./container-source.js";
import { instanceMetadataCredentialSource } from "./imds-source.js";
import { profileCredentialSource } from "./profile-source.js";
import { webIdentityCredentialSource } from "./web-identity-source.js";

export interface NodeCredentialChainOptions {
  /** Environment variables; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Explicit credentials (keys, `{ bearerToken }`, or a provider): beat every other source. */
  credentials?: Credentials | CredentialProvider;
  /** Profile to use instead of `AWS_PROFILE`. */
  profile?: string;
  /**
   * The config, for `models.providers["amazon-bedrock"].apiKey` (a step between
   * AWS_BEARER_TOKEN_BEDROCK and AWS_ACCESS_KEY_ID): an object, or a loader called at each load
   * (memoise it). Leave out for no config step.
   */
  config?: StreambedConfig | (() => Promise<StreambedConfig | undefined>);
  /** The config's file, named in its errors. */
  configFile?: () => string | undefined;
  /** Clock, for tests. */
  now?: () => number;
}

/** Test and tuning hooks, not part of the public API. */
export interface NodeCredentialInternals {
  /** STS client settings for web identity and role_arn profiles (tests point them at loopback). */
  stsClientConfig?: Record<string, unknown>;
  /** IMDS / container budget in ms (≤ 1000). */
  timeoutMs?: number;
  providers?: () => Promise<AwsProviders>;
}

/**
 * The sources, in order: explicit → `env: AWS_BEARER_TOKEN_BEDROCK` →
 * `config: models.providers["amazon-bedrock"].apiKey` (with `config`) → `env: AWS_ACCESS_KEY_ID` →
 * `profile: <name>` / `sso: <name>` → `web identity` → `container` → `instance role (IMDS)`.
 */
export function nodeCredentialSources(options: NodeCredentialChainOptions = {}, internals: NodeCredentialInternals = {}): CredentialSourceProvider[] {
  const env = options.env ?? process.env;
  const providers = internals.providers;
  const hooks = { ...(providers ? { providers } : {}) };
  const config = options.config;
  return [
    ...baseCredentialSources({
      env,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(config ? { config: typeof config === "function" ? config : () => config } : {}),
      ...(options.configFile ? { configFile: options.configFile } : {}),
    }),
    profileCredentialSource({ env, ...(options.profile ? { profile: options.profile } : {}), ...(internals.stsClientConfig ? { clientConfig: internals.stsClientConfig } : {}), ...hooks }),
    webIdentityCredentialSource({ env, ...(internals.stsClientConfig ? { clientConfig: internals.stsClientConfig } : {}), ...hooks }),
    containerCredentialSource({ env, ...(internals.timeoutMs ? { timeoutMs: internals.timeoutMs } : {}) }),
    instanceMetadataCredentialSource({ env, ...(options.now ? { now: options.now } : {}), ...(internals.timeoutMs ? { timeoutMs: internals.timeoutMs } : {}) }),
  ];
}

/**
 * The full AWS credential chain for Node (see `nodeCredentialSources` for the order). Nothing is
 * read or asked until the first `get()`; `@aws-sdk/credential-providers` is imported only when
 * steps 3–4 are reached.
 */
export function createNodeCredentialChain(options: NodeCredentialChainOptions = {}, internals: NodeCredentialInternals = {}): CredentialChain {
  return createCredentialChain(nodeCredentialSources(options, internals), options.now ? { now: options.now } : {});
}
