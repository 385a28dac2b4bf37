import {
  ConfigError,
  createClient,
  parseConfig,
  createMemoryDiscoveryCache,
  type BedrockClient,
  type ClientOptions,
  type CredentialProvider,
  type Credentials,
  type DebugEntry,
  type DiscoveryCacheStore,
  type RetryOptions,
  type StreambedConfig,
  type TimeoutOptions,
} from "@streambed/core";
import type { Transport } from "@streambed/transport";
import { createFetchTransport } from "@streambed/transport/fetch";
import { createUndiciTransport } from "@streambed/transport/undici";
import { createFileDiscoveryCache } from "./cache/index.js";
import { loadConfigFile } from "./config/index.js";
import { createNodeCredentialChain, readProfileRegion } from "./credentials/index.js";
import { nodeCrc32 } from "./node-crc32.js";
import { NodeSha256 } from "./node-sha256.js";

/** Options of the Node `createBedrock()`. Every one is optional: the environment fills in the rest. */
export interface BedrockOptions {
  /** AWS region. Else config → AWS_REGION → AWS_DEFAULT_REGION → the profile's region → us-east-1. */
  region?: string;
  /** Static keys, `{ bearerToken }` (a Bedrock API key), or an async provider. Beats every other source. */
  credentials?: Credentials | CredentialProvider;
  /** Shared-config profile to use instead of AWS_PROFILE. */
  profile?: string;
  /** Runtime endpoint (else config baseUrl → AWS_ENDPOINT_URL_BEDROCK_RUNTIME → AWS_ENDPOINT_URL → regional host). */
  endpoint?: string;
  /** Control-plane endpoint for discovery (else AWS_ENDPOINT_URL_BEDROCK → AWS_ENDPOINT_URL → regional host). */
  controlPlaneEndpoint?: string;
  /**
   * An OpenClaw-shaped config object, a path to a JSON5 file, or `false` for none. Default: the file
   * named by STREAMBED_CONFIG, else `~/.streambed/config.json5` when it exists.
   */
  config?: StreambedConfig | Record<string, unknown> | string | false;
  /** Any {@link Transport}. Default: undici with keep-alive, honouring HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
  transport?: Transport;
  /** Use this WHATWG fetch instead of undici. */
  fetch?: typeof fetch;
  retry?: RetryOptions | false;
  timeouts?: TimeoutOptions;
  /** Discovery cache: on disk under ~/.streambed/cache (default), in memory, or your own store. */
  discoveryCache?: "disk" | "memory" | DiscoveryCacheStore;
  /** Debug log: true writes JSON lines to stderr (also STREAMBED_DEBUG=1); or a function. Never logs secrets. */
  debug?: boolean | ((entry: DebugEntry) => void);
  /** Environment to read instead of process.env. */
  env?: Record<string, string | undefined>;
}

function debugSink(option: BedrockOptions["debug"], env: Record<string, string | undefined>): ClientOptions["debug"] {
  if (typeof option === "function") return option;
  const on = option ?? /^(1|true|yes)$/i.test(env.STREAMBED_DEBUG ?? "");
  if (!on) return undefined;
  return (entry) => process.stderr.write(`[streambed] ${JSON.stringify(entry)}\n`);
}

function configLoader(option: BedrockOptions["config"], env: Record<string, string | undefined>): ClientOptions["config"] {
  if (option === false) return undefined;
  if (option !== undefined && typeof option === "object") {
    const parsed = parseConfig(option);
    return parsed;
  }
  return async () => {
    const loaded = await loadConfigFile({ ...(typeof option === "string" ? { path: option } : {}), env });
    if (typeof option === "string" && !loaded.exists) {
      throw new ConfigError(`Config file ${loaded.file} does not exist. Create it (e.g. \`streambed config set models.bedrockDiscovery.enabled true\`), fix the path, or pass config: false.`, { file: loaded.file });
    }
    return loaded.config;
  };
}

/**
 * Create a Bedrock client for Node: undici transport, the full AWS credential chain (loaded
 * lazily), JSON5 config, on-disk discovery cache.
 *
 * @example
 * const bedrock = createBedrock({ region: "us-east-1" });
 * for await (const ev of bedrock.stream({ model: "us.anthropic.claude-opus-4-6-v1:0", messages: [{ role: "user", content: "hello" }] }))
 *   if (ev.type === "text_delta") process.stdout.write(ev.delta);
 */
export function createBedrock(options: BedrockOptions = {}): BedrockClient {
  const env = options.env ?? process.env;
  const transport =
    options.transport ?? (options.fetch ? createFetchTransport({ fetch: options.fetch }) : createUndiciTransport({ env }));
  const credentials = createNodeCredentialChain({
    env,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
  const cache =
    options.discoveryCache === "memory"
      ? createMemoryDiscoveryCache()
      : options.discoveryCache === undefined || options.discoveryCache === "disk"
        ? createFileDiscoveryCache({})
        : options.discoveryCache;
  const clientOptions: ClientOptions = {
    transport,
    credentials,
    env,
    profileRegion: () => readProfileRegion({ env, ...(options.profile ? { profile: options.profile } : {}) }),
    crc32: nodeCrc32,
    sha256: NodeSha256,
    discoveryCache: cache,
  };
  const config = configLoader(options.config, env);
  if (config) clientOptions.config = config;
  const debug = debugSink(options.debug, env);
  if (debug) clientOptions.debug = debug;
  if (options.region) clientOptions.region = options.region;
  if (options.endpoint) clientOptions.endpoint = options.endpoint;
  if (options.controlPlaneEndpoint) clientOptions.controlPlaneEndpoint = options.controlPlaneEndpoint;
  if (options.retry !== undefined) clientOptions.retry = options.retry;
  if (options.timeouts) clientOptions.timeouts = options.timeouts;
  return createClient(clientOptions);
}
