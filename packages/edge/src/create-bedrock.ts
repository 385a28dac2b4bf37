import {
  ConfigError,
  applyCommonOptions,
  createClient,
  createMemoryDiscoveryCache,
  isParsedConfig,
  type BedrockClient,
  type CommonBedrockOptions,
  type ClientOptions,
  type DiscoveryCacheStore,
  type KnownModels,
  type ModelDiscovery,
  type StreambedConfig,
} from "@streambed/core";
import { createFetchTransport } from "@streambed/transport/fetch";
import { createEdgeCredentialChain } from "./edge-credential-chain.js";

/** Options of the edge `createBedrock()`. Every one is optional; `env` (your bindings) fills in the rest. */
export interface BedrockOptions extends CommonBedrockOptions {
  /**
   * An OpenClaw-shaped config object as `parseConfig(object, { env })` returned it (validated, `${VAR}`
   * references filled in), or `false` for none. Edge runtimes have no config files. The parser is a
   * separate import so that bundles without a config leave it (and its schema library) out.
   */
  config?: StreambedConfig | false;
  /**
   * `modelDiscovery()` to have `models.list()` discover the account's models (ListFoundationModels,
   * cached). Without it `models.list()` returns the configured models only, and the discovery code
   * stays out of the bundle.
   */
  discovery?: ModelDiscovery;
  /**
   * What the client knows about models no listing or config describes: pass `knownModelLimits`
   * (streambed's table: names, limits, reasoning, image input, prices; ≈ 1.4 KB gzip) to have the
   * Node client's behaviour. Left out (and without `discovery`, which brings the table), a model id
   * is called with nothing assumed about it and Bedrock decides: a requested reasoning level is
   * sent in the model family's form (a model without reasoning refuses it), images are passed on,
   * streambed sets no `maxTokens` cap of its own, and usage has no price (cost 0). Models from the
   * config or a `Model` object are used as they are.
   */
  knownModels?: KnownModels;
  /** Discovery cache and learned limits: in memory (default; per isolate) or your own store (e.g. over KV). */
  discoveryCache?: "memory" | DiscoveryCacheStore;
  /**
   * Environment variables / bindings: a Worker's `env`, `Deno.env.toObject()`, Vercel's env, …
   * Read for credentials, region, endpoints and STREAMBED_DEBUG. Default: none (`{}`); edge
   * runtimes have no `process.env` to fall back on.
   */
  env?: Record<string, unknown>;
}

/** Keeps the string-valued bindings: a Worker's `env` also holds KV namespaces, Durable Objects, … */
function stringBindings(env: Record<string, unknown> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (env) for (const key of Object.keys(env)) if (typeof env[key] === "string") out[key] = env[key];
  return out;
}

/** Options that only exist in Node; passed on the edge they would be silently wrong, so they fail loudly. */
function rejectNodeOnly(options: Record<string, unknown>): void {
  if (typeof options.config === "string") {
    throw new ConfigError(
      `config is a path ("${options.config}"), but edge runtimes have no file system. Pass the config object itself (e.g. import it as JSON), or false.`,
      { path: "config" },
    );
  }
  if (options.discoveryCache === "disk") {
    throw new ConfigError('discoveryCache "disk" needs a file system; on edge runtimes use "memory" (the default) or your own store.', {
      path: "discoveryCache",
    });
  }
  if (options.config && !isParsedConfig(options.config)) {
    throw new ConfigError(
      "config must be the object parseConfig() returned: createBedrock({ config: parseConfig(yourConfig, { env }) }). It checks the config and fills in ${VAR} references; it is a separate import so that bundles without a config leave the parser out.",
      { path: "config" },
    );
  }
  if (options.profile !== undefined) {
    throw new ConfigError("profile needs ~/.aws files, which edge runtimes do not have. Pass credentials, or bind AWS_ACCESS_KEY_ID / AWS_BEARER_TOKEN_BEDROCK.", {
      path: "profile",
    });
  }
}

/**
 * Create a Bedrock client for edge runtimes (workerd, Vercel edge, Deno, Bun, browsers): the fetch
 * transport, credentials from the option or the `env` bindings, config as a parsed object, discovery
 * (when given) cached in memory. No `node:` import, no `Buffer`, no `process`.
 *
 * @example
 * export default {
 *   async fetch(request: Request, env: Record<string, string>) {
 *     const bedrock = createBedrock({ env });
 *     // with a config and discovery: createBedrock({ env, config: parseConfig(config, { env }), discovery: modelDiscovery() })
 *     for await (const ev of bedrock.stream({ model: "us.anthropic.claude-sonnet-4-6", messages: [{ role: "user", content: "hi" }] })) …
 *   },
 * };
 */
export function createBedrock(options: BedrockOptions = {}): BedrockClient {
  rejectNodeOnly(options as Record<string, unknown>);
  const env = stringBindings(options.env);
  const transport = options.transport ?? createFetchTransport(options.fetch ? { fetch: options.fetch } : {});
  const config = options.config || undefined;
  const clientOptions: ClientOptions = {
    transport,
    credentials: createEdgeCredentialChain({ env, ...(options.credentials ? { credentials: options.credentials } : {}), ...(config ? { config } : {}) }),
    env,
    discoveryCache:
      options.discoveryCache === undefined || options.discoveryCache === "memory" ? createMemoryDiscoveryCache() : options.discoveryCache,
  };
  if (config) clientOptions.config = config;
  if (options.discovery) clientOptions.discovery = options.discovery;
  if (options.knownModels) clientOptions.knownModels = options.knownModels;
  return createClient(applyCommonOptions(clientOptions, options, env, (line) => console.error(line)));
}
