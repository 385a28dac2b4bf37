import { DEFAULT_MAX_BODY_BYTES } from "@streambed/transport";
import type { StreambedConfig } from "../config/config-schema.js";
import type { ConfigReader } from "../config/config-reader-type.js";
import { configReaderOf } from "../config/parsed-configs.js";
import type { KnownModels } from "../model/known-models.js";
import { rememberById } from "../model/remember-by-id.js";
import { resolveModelWith } from "../model/resolve-model-with.js";
import type { CredentialChain } from "../credentials/credential-chain.js";
import { ConfigError } from "../errors/client-errors.js";
import type { Model, StreamRequest } from "../types/index.js";
import { DEFAULT_PULL_MS } from "./call-timeouts.js";
import type { ClientOptions, DebugEntry } from "./client-options.js";
import { createClientSecrets, type ClientSecrets } from "./client-secrets.js";
import { resolveRetryPolicy, type RetryPolicy } from "./retry-policy.js";
import { abortableSleep } from "./sleep.js";
import { createBedrockLessons, type BedrockLessons } from "./bedrock-lessons.js";
import type { OpenableDiscovery } from "./model-discovery.js";

/** The config as the client uses it: the object (once loaded) and its models. */
export interface LoadedConfig {
  config: StreambedConfig | undefined;
  configured: Model[];
}

/**
 * What every part of one client shares: its options with defaults applied, the secrets it holds
 * and the config, loaded once on first use (again after a failed load). The parts — settings,
 * signed requests, call attempts, model listing — each take this.
 */
export interface ClientContext {
  options: ClientOptions;
  env: Record<string, string | undefined>;
  chain: CredentialChain;
  policy: RetryPolicy;
  firstByteMs: number;
  idleMs: number;
  totalMs: number | undefined;
  pullMs: number;
  maxResponseBytes: number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** The exact secrets this client holds, removed from every error, debug entry and listing it hands out. */
  secrets: ClientSecrets;
  debug: ((entry: DebugEntry) => void) | undefined;
  /** The decoder options carrying the injected CRC-32, if any. */
  crc: { crc32?: NonNullable<ClientOptions["crc32"]> };
  loadConfig(): Promise<LoadedConfig>;
  /** The config once {@link loadConfig} has loaded it (a call then resolves its model without waiting), else undefined. */
  loadedConfig(): LoadedConfig | undefined;
  /** What the client learned from Bedrock's errors: model limits, refused fields (bedrock-lessons.ts). */
  lessons: BedrockLessons;
  /** The client's known-model table (`ClientOptions.knownModels`, else discovery's), if any. */
  knownModels: KnownModels | undefined;
  /** The model a call names, looked up in the loaded config's models, else from the client's known-model table (`resolveModelWith`). */
  resolveModel(ref: StreamRequest["model"], loaded: LoadedConfig): Model;
}

/** The code that reads `config`: the option, else what a config `parseConfig()` returned carries; a config without one is a `ConfigError`. */
function readerFor(config: StreambedConfig, option: ConfigReader | undefined): ConfigReader {
  const reader = option ?? configReaderOf(config);
  if (reader) return reader;
  throw new ConfigError("config must be the object parseConfig() returned (or a loader passed with configReader): createBedrock({ config: parseConfig(yourConfig, { env }) }).", {
    path: "config",
  });
}

/** Applies the defaults to `options` and checks them (a bad value is a `ConfigError` now, not at the first call). */
export function createClientContext(options: ClientOptions): ClientContext {
  const env = options.env ?? {};
  const policy = resolveRetryPolicy(options.retry);
  const secrets = createClientSecrets(env);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
    throw new ConfigError(`maxResponseBytes must be a whole number of bytes ≥ 1, got ${String(options.maxResponseBytes)}.`, { path: "maxResponseBytes" });
  }
  const knownModels = options.knownModels ?? (options.discovery as Partial<OpenableDiscovery> | undefined)?.knownModels;
  // A bare id's table entry is remembered: matching it against the table is most of resolving it.
  const knownModel = knownModels && rememberById(knownModels);
  let configPromise: Promise<LoadedConfig> | undefined;
  let loaded: LoadedConfig | undefined;
  function loadConfig(): Promise<LoadedConfig> {
    configPromise ??= (async () => {
      const config = typeof options.config === "function" ? await options.config() : options.config;
      if (config === undefined) return (loaded = { config, configured: [] });
      const reader = readerFor(config, options.configReader);
      secrets.add(reader.secrets(config));
      return (loaded = { config, configured: reader.models(config, knownModels) });
    })();
    configPromise.catch(() => (configPromise = undefined));
    return configPromise;
  }
  const now = options.now ?? Date.now;
  const debug = secrets.debug(options.debug);
  return {
    options,
    env,
    chain: options.credentials,
    policy,
    firstByteMs: options.timeouts?.firstByteMs ?? 60_000,
    idleMs: options.timeouts?.idleMs ?? 60_000,
    totalMs: options.timeouts?.totalMs,
    pullMs: options.timeouts?.pullMs ?? DEFAULT_PULL_MS,
    maxResponseBytes,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    now,
    secrets,
    debug,
    crc: options.crc32 ? { crc32: options.crc32 } : {},
    loadConfig,
    loadedConfig: () => loaded,
    lessons: createBedrockLessons({ cache: options.discoveryCache, now, debug }),
    knownModels,
    resolveModel: (ref, { config, configured }) => resolveModelWith(ref, { config, models: configured, knownModels: knownModel }),
  };
}
