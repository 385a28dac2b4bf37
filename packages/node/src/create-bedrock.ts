import {
  ConfigError,
  applyCommonOptions,
  configReader,
  createClient,
  knownModelLimits,
  parseConfig,
  createMemoryDiscoveryCache,
  modelDiscovery,
  type BedrockClient,
  type CommonBedrockOptions,
  type ClientOptions,
  type DiscoveryCacheStore,
  type StreambedConfig,
} from "@streambed/core";
import { checkJsonSchema } from "./check-json-schema.js";
import { createUndiciTransport } from "@streambed/transport/undici";
import { createFileDiscoveryCache } from "./cache/index.js";
import { loadConfigFile } from "./config/index.js";
import { createNodeCredentialChain, readProfileRegion } from "./credentials/index.js";
import { nodeCrc32 } from "./node-crc32.js";
import { createFetchTransport } from "./transports/fetch-transport.js";
import { NodeSha256 } from "./node-sha256.js";

/** Options of the Node `createBedrock()`. Every one is optional: the environment fills in the rest. */
export interface BedrockOptions extends CommonBedrockOptions {
  /** Shared-config profile to use instead of AWS_PROFILE. */
  profile?: string;
  /**
   * An OpenClaw-shaped config object, a path to a JSON5 file, or `false` for none. Default: the file
   * named by STREAMBED_CONFIG, else `~/.streambed/config.json5` when it exists.
   */
  config?: StreambedConfig | Record<string, unknown> | string | false;
  /** Discovery cache: on disk under ~/.streambed/cache (default), in memory, or your own store. */
  discoveryCache?: "disk" | "memory" | DiscoveryCacheStore;
  /** Environment to read instead of process.env. */
  env?: Record<string, string | undefined>;
}

/** The config as the client and the credential chain share it: read once, again after a failure. */
interface ConfigSource {
  load: ClientOptions["config"];
  /** The file it came from, once read. */
  file: () => string | undefined;
}

function configSource(option: BedrockOptions["config"], env: Record<string, string | undefined>): ConfigSource | undefined {
  if (option === false) return undefined;
  if (option !== undefined && typeof option === "object") return { load: parseConfig(option, { env }), file: () => undefined };
  let file: string | undefined;
  let pending: Promise<StreambedConfig | undefined> | undefined;
  const read = async () => {
    const loaded = await loadConfigFile({ ...(typeof option === "string" ? { path: option } : {}), env });
    if (typeof option === "string" && !loaded.exists) {
      throw new ConfigError(`Config file ${loaded.file} does not exist. Create it (e.g. \`streambed config set models.bedrockDiscovery.enabled true\`), fix the path, or pass config: false.`, { file: loaded.file });
    }
    if (loaded.exists) file = loaded.file;
    return loaded.config;
  };
  const load = () => {
    const p = (pending ??= read());
    p.catch(() => {
      if (pending === p) pending = undefined;
    });
    return p;
  };
  return { load, file: () => file };
}

/**
 * Create a Bedrock client for Node: undici transport, the full AWS credential chain (loaded
 * lazily), JSON5 config, on-disk discovery cache.
 *
 * @example
 * const bedrock = createBedrock({ region: "us-east-1" });
 * for await (const ev of bedrock.stream({ model: "us.anthropic.claude-opus-4-6-v1", messages: [{ role: "user", content: "hello" }] }))
 *   if (ev.type === "text_delta") process.stdout.write(ev.delta);
 */
export function createBedrock(options: BedrockOptions = {}): BedrockClient {
  const env = options.env ?? process.env;
  const transport =
    options.transport ?? (options.fetch ? createFetchTransport({ fetch: options.fetch }) : createUndiciTransport({ env }));
  const config = configSource(options.config, env);
  const credentials = createNodeCredentialChain({
    env,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(config?.load ? { config: config.load, configFile: config.file } : {}),
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
    discovery: modelDiscovery(),
    knownModels: knownModelLimits,
    checkSchema: checkJsonSchema,
  };
  if (config?.load) {
    clientOptions.config = config.load;
    clientOptions.configReader = configReader;
    clientOptions.configFile = config.file;
  }
  return createClient(applyCommonOptions(clientOptions, options, env, (line) => process.stderr.write(`${line}\n`)));
}
