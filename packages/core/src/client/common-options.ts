import type { Transport } from "@streambed/transport";
import type { CredentialProvider, Credentials } from "../types/index.js";
import type { TimeoutOptions } from "./call-timeouts.js";
import type { ClientOptions, DebugEntry, Sha256Constructor } from "./client-options.js";
import type { RetryOptions } from "./retry-policy.js";
import type { SchemaCheck } from "../structured-output/schema-check.js";

/** The `createBedrock()` options every runtime shares. */
export interface CommonBedrockOptions {
  /** AWS region. Else config → AWS_REGION → AWS_DEFAULT_REGION → (Node: the profile's region) → us-east-1. */
  region?: string;
  /** Static keys, `{ bearerToken }` (a Bedrock API key), or an async provider. Beats every other source. */
  credentials?: Credentials | CredentialProvider;
  /** Runtime endpoint (else config baseUrl → AWS_ENDPOINT_URL_BEDROCK_RUNTIME → AWS_ENDPOINT_URL → regional host). */
  endpoint?: string;
  /** Control-plane endpoint for discovery (else AWS_ENDPOINT_URL_BEDROCK → AWS_ENDPOINT_URL → regional host). */
  controlPlaneEndpoint?: string;
  /** Any {@link Transport}. Default: undici in Node, fetch on the edge. */
  transport?: Transport;
  /** Use this WHATWG fetch (through the fetch transport). */
  fetch?: typeof fetch;
  retry?: RetryOptions | false;
  timeouts?: TimeoutOptions;
  /**
   * Largest Converse (`complete()`) reply body read, in bytes. Default 64 MiB, far above any Bedrock
   * reply; a longer body stops being read there and is a `ResponseTooLargeError`. Streams have no
   * total limit (each event-stream frame is limited to the format's 24 MiB payload).
   */
  maxResponseBytes?: number;
  /** Debug log: true writes JSON lines to stderr (also STREAMBED_DEBUG=1); or a function. Never logs secrets. */
  debug?: boolean | ((entry: DebugEntry) => void);
  /** SHA-256 for SigV4. Default: WebCrypto (Node: node:crypto). */
  sha256?: Sha256Constructor;
  /**
   * Checks a `responseFormat` answer against its JSON Schema: the problems found, `[]` when it
   * matches. Default in Node: `@cfworker/json-schema` (draft 2020-12). On the edge none is bundled:
   * only the JSON is checked unless you pass one (e.g. built on `@cfworker/json-schema`'s `Validator`).
   */
  checkSchema?: SchemaCheck;
}

/**
 * Copy the shared options onto an adapter's {@link ClientOptions}, turning `debug` into a sink that
 * writes through `write` (stderr in Node, console.error on the edge).
 */
export function applyCommonOptions(
  target: ClientOptions,
  options: CommonBedrockOptions,
  env: Record<string, string | undefined>,
  write: (line: string) => void,
): ClientOptions {
  const debug =
    typeof options.debug === "function"
      ? options.debug
      : (options.debug ?? /^(1|true|yes)$/i.test(env.STREAMBED_DEBUG ?? ""))
        ? (entry: DebugEntry) => write(`[streambed] ${JSON.stringify(entry)}`)
        : undefined;
  if (debug) target.debug = debug;
  if (options.sha256) target.sha256 = options.sha256;
  if (options.checkSchema) target.checkSchema = options.checkSchema;
  if (options.region) target.region = options.region;
  if (options.endpoint) target.endpoint = options.endpoint;
  if (options.controlPlaneEndpoint) target.controlPlaneEndpoint = options.controlPlaneEndpoint;
  if (options.retry !== undefined) target.retry = options.retry;
  if (options.timeouts) target.timeouts = options.timeouts;
  if (options.maxResponseBytes !== undefined) target.maxResponseBytes = options.maxResponseBytes;
  return target;
}
