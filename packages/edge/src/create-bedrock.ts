import {
  ConfigError,
  createClient,
  createMemoryDiscoveryCache,
  parseConfig,
  type BedrockClient,
  type ClientOptions,
  type CredentialProvider,
  type Credentials,
  type DebugEntry,
  type DiscoveryCacheStore,
  type RetryOptions,
  type Sha256Constructor,
  type StreambedConfig,
  type TimeoutOptions,
} from "@streambed/core";
import type { Transport } from "@streambed/transport";
import { createFetchTransport } from "@streambed/transport/fetch";
import { createEdgeCredentialChain } from "./edge-credential-chain.js";

/** Options of the edge `createBedrock()`. Every one is optional; `env` (your bindings) fills in the rest. */
export interface BedrockOptions {
  /** AWS region. Else config → `env.AWS_REGION` → `env.AWS_DEFAULT_REGION` → us-east-1. */
  region?: string;
  /** Static keys, `{ bearerToken }` (a Bedrock API key), or an async provider. Beats the env bindings. */
  credentials?: Credentials | CredentialProvider;
  /** Runtime endpoint (else config baseUrl → AWS_ENDPOINT_URL_BEDROCK_RUNTIME → AWS_ENDPOINT_URL → regional host). */
  endpoint?: string;
  /** Control-plane endpoint for discovery (else AWS_ENDPOINT_URL_BEDROCK → AWS_ENDPOINT_URL → regional host). */
  controlPlaneEndpoint?: string;
  /** An OpenClaw-shaped config object (validated), or `false` for none. Edge runtimes have no config files. */
  config?: StreambedConfig | Record<string, unknown> | false;
  /** Any {@link Transport}. Default: the fetch transport over `fetch` (or `globalThis.fetch`). */
  transport?: Transport;
  /** The WHATWG fetch to use. Default: `globalThis.fetch`, looked up per request. */
  fetch?: typeof fetch;
  retry?: RetryOptions | false;
  timeouts?: TimeoutOptions;
  /** Discovery cache: in memory (default; per isolate) or your own store (e.g. over KV). */
  discoveryCache?: "memory" | DiscoveryCacheStore;
  /** Debug log: true writes JSON lines with `console.error` (also `env.STREAMBED_DEBUG=1`); or a function. Never logs secrets. */
  debug?: boolean | ((entry: DebugEntry) => void);
  /**
   * Environment variables / bindings: a Worker's `env`, `Deno.env.toObject()`, Vercel's env, …
   * Read for credentials, region, endpoints and STREAMBED_DEBUG. Default: none (`{}`); edge
   * runtimes have no `process.env` to fall back on.
   */
  env?: Record<string, unknown>;
  /**
   * SHA-256 for SigV4 (`new Sha256(secret?)`). Default: WebCrypto (`crypto.subtle`), native on every
   * edge runtime. Pass `Sha256` from `@aws-crypto/sha256-js` where there is no WebCrypto (plain-http pages).
   */
  sha256?: Sha256Constructor;
}

/** Keeps the string-valued bindings: a Worker's `env` also holds KV namespaces, Durable Objects, … */
function stringBindings(env: Record<string, unknown> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (env) for (const key of Object.keys(env)) if (typeof env[key] === "string") out[key] = env[key];
  return out;
}

function debugSink(option: BedrockOptions["debug"], env: Record<string, string | undefined>): ClientOptions["debug"] {
  if (typeof option === "function") return option;
  const on = option ?? /^(1|true|yes)$/i.test(env.STREAMBED_DEBUG ?? "");
  return on ? (entry) => console.error(`[streambed] ${JSON.stringify(entry)}`) : undefined;
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
  if (options.profile !== undefined) {
    throw new ConfigError("profile needs ~/.aws files, which edge runtimes do not have. Pass credentials, or bind AWS_ACCESS_KEY_ID / AWS_BEARER_TOKEN_BEDROCK.", {
      path: "profile",
    });
  }
}

/**
 * Create a Bedrock client for edge runtimes (workerd, Vercel edge, Deno, Bun, browsers): the fetch
 * transport, credentials from the option or the `env` bindings, config as an object, discovery cached
 * in memory. No `node:` import, no `Buffer`, no `process`.
 *
 * @example
 * export default {
 *   async fetch(request: Request, env: Record<string, string>) {
 *     const bedrock = createBedrock({ env });
 *     for await (const ev of bedrock.stream({ model: "us.anthropic.claude-sonnet-4-6-v1:0", messages: [{ role: "user", content: "hi" }] })) …
 *   },
 * };
 */
export function createBedrock(options: BedrockOptions = {}): BedrockClient {
  rejectNodeOnly(options as Record<string, unknown>);
  const env = stringBindings(options.env);
  const transport = options.transport ?? createFetchTransport(options.fetch ? { fetch: options.fetch } : {});
  const clientOptions: ClientOptions = {
    transport,
    credentials: createEdgeCredentialChain({ env, ...(options.credentials ? { credentials: options.credentials } : {}) }),
    env,
    discoveryCache:
      options.discoveryCache === undefined || options.discoveryCache === "memory" ? createMemoryDiscoveryCache() : options.discoveryCache,
  };
  if (options.sha256) clientOptions.sha256 = options.sha256;
  if (options.config) clientOptions.config = parseConfig(options.config);
  const debug = debugSink(options.debug, env);
  if (debug) clientOptions.debug = debug;
  if (options.region) clientOptions.region = options.region;
  if (options.endpoint) clientOptions.endpoint = options.endpoint;
  if (options.controlPlaneEndpoint) clientOptions.controlPlaneEndpoint = options.controlPlaneEndpoint;
  if (options.retry !== undefined) clientOptions.retry = options.retry;
  if (options.timeouts) clientOptions.timeouts = options.timeouts;
  return createClient(clientOptions);
}
