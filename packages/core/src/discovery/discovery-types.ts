import type { Model } from "../types/model.js";

/** A control-plane response, body read in full. Header names lower-case. */
export interface ControlPlaneResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Sends one GET to the Bedrock control-plane endpoint (`https://bedrock.<region>.amazonaws.com`).
 * The client signs it with the same credentials as runtime calls; discovery only builds paths.
 */
export type ControlPlaneRequest = (req: {
  method: "GET";
  path: string;
  query?: Record<string, string>;
  signal?: AbortSignal;
}) => Promise<ControlPlaneResponse>;

/** What `list()` returns. It never throws: failures come back as `reason`. */
export interface DiscoveryResult {
  models: Model[];
  /**
   * `network`: fetched now (an empty list with `reason` when that failed and nothing was cached);
   * `cache`: fresh cache entry; `stale`: the fetch failed, this is the last good list (`reason` says why);
   * `disabled`: discovery is off (`reason` says why).
   */
  source: "network" | "cache" | "stale" | "disabled";
  /** When the list was fetched (ms since epoch). */
  fetchedAt?: number;
  /** Why the list is stale, empty or disabled. */
  reason?: string;
  /** The typed error behind a failed fetch (`stale`, or an empty `network` list), for callers that branch on its class. */
  error?: Error;
  /** Set when inference profiles could not be listed (e.g. AccessDenied); models needing a profile are then missing. */
  profilesReason?: string;
}

/** One cached discovery result. */
export interface DiscoveryCacheEntry {
  models: Model[];
  fetchedAt: number;
  /** Earlier expiry than `fetchedAt + refreshInterval`, used after a partial failure. */
  expiresAt?: number;
  profilesReason?: string;
  /** Facts learned from Bedrock's errors, by base model id (only in the entry under `learnedLimitsCacheKey`; see learned-limits.ts). */
  learned?: Record<string, LearnedModelFacts>;
}

/** Where discovery results are kept between calls (memory, disk, KV …). Implementations may lose entries at any time. */
export interface DiscoveryCacheStore {
  get(key: string): Promise<DiscoveryCacheEntry | undefined>;
  set(key: string, entry: DiscoveryCacheEntry): Promise<void>;
}

/** One entry of ListFoundationModels' `modelSummaries` (only the fields discovery reads). */
export interface FoundationModelSummary {
  modelArn?: string;
  modelId?: string;
  modelName?: string;
  providerName?: string;
  inputModalities?: string[];
  outputModalities?: string[];
  responseStreamingSupported?: boolean;
  customizationsSupported?: string[];
  inferenceTypesSupported?: string[];
  modelLifecycle?: { status?: string };
}

/** One entry of ListInferenceProfiles' `inferenceProfileSummaries`. */
export interface InferenceProfileSummary {
  inferenceProfileId?: string;
  inferenceProfileArn?: string;
  inferenceProfileName?: string;
  description?: string;
  models?: Array<{ modelArn?: string }>;
  status?: string;
  /** SYSTEM_DEFINED (cross-region, `us.…`) or APPLICATION (user-created, called by ARN). */
  type?: string;
}

/** One limit streambed learned from Bedrock's own error. */
export interface LearnedLimit {
  tokens: number;
  /** ms since the epoch. */
  learnedAt: number;
  /** Where it was learned: `Bedrock ValidationException (request <id>)`. */
  source: string;
}

/** A field streambed adds itself that Bedrock refused for a model, so it is no longer sent (docs/request-mapping.md, "Repair"). */
export interface RefusedField {
  learnedAt: number;
  source: string;
}

/** What streambed learned about one model from Bedrock's replies. */
export interface LearnedModelFacts {
  /** Bedrock's maximum for `maxTokens` (from "The maximum tokens you requested exceeds the model limit of N"). */
  maxTokens?: LearnedLimit;
  /** The context window (from "prompt is too long: A tokens > N maximum"). */
  contextWindow?: LearnedLimit;
  /** Fields streambed adds that Bedrock rejected, by kind (`cachePoint`, `thinking.display`, `toolResult.status`). */
  refusedFields?: Record<string, RefusedField>;
}
