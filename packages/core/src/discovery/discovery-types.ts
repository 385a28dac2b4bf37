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
