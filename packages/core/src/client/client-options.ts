import type { ChecksumConstructor, Crc32, Transport } from "@streambed/transport";
import type { ConfigReader, StreambedConfig } from "../config/index.js";
import type { KnownModels } from "../model/known-models.js";
import type { CredentialChain } from "../credentials/index.js";
import type { DiscoveryCacheStore } from "../discovery/index.js";
import type { RetryOptions } from "./retry-policy.js";
import type { TimeoutOptions } from "./call-timeouts.js";
import type { SchemaCheck } from "../structured-output/schema-check.js";
import type { ModelDiscovery } from "./model-discovery.js";

/** SHA-256 implementation in the shape @smithy/signature-v4 takes (default: WebCrypto; Node passes node:crypto, runtimes without `crypto.subtle` pass `Sha256` of @aws-crypto/sha256-js). */
export type Sha256Constructor = ChecksumConstructor;

/** One debug log entry. Never contains a secret, token or signature. */
export interface DebugEntry {
  event: "request" | "response" | "retry" | "credentials" | "discovery" | "error" | "learned" | "repair";
  message: string;
  [key: string]: unknown;
}

/**
 * Everything the runtime-free client needs. Adapters (`@streambed/node`, `@streambed/edge`) fill in
 * the runtime parts — transport, credential chain, env, crc32, sha256, caches — and pass the user's
 * options through.
 */
export interface ClientOptions {
  transport: Transport;
  credentials: CredentialChain;
  /** Environment variables (process.env in Node, bindings on the edge). Read, never written. */
  env?: Record<string, string | undefined>;
  /** Region option; else config → AWS_REGION → AWS_DEFAULT_REGION → profile region → us-east-1. */
  region?: string;
  /** The profile's region (Node reads it from ~/.aws/config), consulted after the env vars. */
  profileRegion?: () => Promise<string | undefined>;
  /** Runtime endpoint override (else config baseUrl → AWS_ENDPOINT_URL_BEDROCK_RUNTIME → AWS_ENDPOINT_URL → regional host). */
  endpoint?: string;
  /** Control-plane endpoint override for discovery. */
  controlPlaneEndpoint?: string;
  /** The parsed config, or a loader called once on first use (Node reads the JSON5 file lazily). */
  config?: StreambedConfig | (() => Promise<StreambedConfig | undefined>);
  /** The file the config came from (read after the config loaded), named when its Bedrock API key is refused. */
  configFile?: () => string | undefined;
  /**
   * The code that reads the config (`configReader`). Needed with a config loader; a config object
   * `parseConfig()` returned carries its own. A client without a config bundles none of it.
   */
  configReader?: ConfigReader;
  /**
   * What the client knows about models no listing or config describes (`knownModelLimits`, the
   * Node default). Else the one `discovery` carries; else nothing is assumed about such a model
   * and Bedrock decides (reasoning sent when asked, images passed on, no `maxTokens` cap of
   * streambed's own, no price). Leaving it out keeps the table out of edge bundles.
   */
  knownModels?: KnownModels;
  retry?: RetryOptions | false;
  timeouts?: TimeoutOptions;
  /** Largest Converse (`complete()`) reply body read, in bytes; a longer one is a `ResponseTooLargeError`. Default 64 MiB. */
  maxResponseBytes?: number;
  crc32?: Crc32;
  sha256?: Sha256Constructor;
  /**
   * Model discovery for `models.list()` (`modelDiscovery()`). Without it the client lists only its
   * configured models, and bundles leave the discovery code out.
   */
  discovery?: ModelDiscovery;
  /** Where discovery results and learned limits are kept (default: memory). */
  discoveryCache?: DiscoveryCacheStore;
  /** Checks a `responseFormat` answer against its schema (Node: `@cfworker/json-schema`; unset: only the JSON is checked). */
  checkSchema?: SchemaCheck;
  /** Debug log sink; entries never carry secrets. */
  debug?: (entry: DebugEntry) => void;
  /** Test hooks. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}
