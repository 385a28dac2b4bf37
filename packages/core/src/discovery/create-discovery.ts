import { AbortError, BedrockError } from "@streambed/transport";
import type { ResolvedDiscoverySettings } from "../config/discovery-settings.js";
import { errorFromResponse as defaultErrorFromResponse } from "../errors/error-from-response.js";
import { redactSecrets } from "../errors/redact-secrets.js";
import { joinShared } from "../async/join-shared.js";
import { buildDiscoveredModels } from "./build-discovered-models.js";
import { isDiscoveryCacheEntry } from "./discovery-cache-entry.js";
import {
  type ControlPlaneRequest,
  type ControlPlaneResponse,
  type DiscoveryCacheEntry,
  type DiscoveryCacheStore,
  type DiscoveryResult,
} from "./discovery-types.js";
import { fetchFoundationModels, fetchInferenceProfiles, type ErrorFromResponse } from "./fetch-catalogue.js";
import { createMemoryDiscoveryCache } from "./memory-cache.js";

/** After a partial failure (profiles failed for a reason other than AccessDenied), retry sooner. */
export const PARTIAL_FAILURE_TTL_SECONDS = 60;

export interface DiscoveryOptions {
  /** Sends a signed GET to the control plane. */
  request: ControlPlaneRequest;
  settings: ResolvedDiscoverySettings;
  /** The region discovery lists models for (part of the cache key). */
  region: string;
  /** The control-plane endpoint (part of the cache key). */
  endpoint: string;
  /**
   * Whether any credentials can be found; decides `enabled` when the config leaves it unset. Stops
   * waiting when `signal` aborts. Throws (a `BedrockError` saying why) when looking took too long:
   * discovery then reports that instead of "no credentials".
   */
  hasCredentials: (signal?: AbortSignal) => Promise<boolean>;
  cache?: DiscoveryCacheStore;
  now?: () => number;
  errorFromResponse?: (response: ControlPlaneResponse) => Error;
}

export interface ListOptions {
  /** Also list LEGACY models (default: the config's `includeLegacy`, else false). */
  includeLegacy?: boolean;
  /** Ignore a fresh cache entry and fetch again (a stale entry is still served if that fails). */
  refresh?: boolean;
  signal?: AbortSignal;
}

export interface Discovery {
  /** The discovered models. Never throws: failures are reported in `reason`. */
  list(options?: ListOptions): Promise<DiscoveryResult>;
}

/** The cache key: everything that changes the list. */
export function discoveryCacheKey(parts: {
  region: string;
  endpoint: string;
  providerFilter: readonly string[];
  defaultContextWindow: number;
  defaultMaxTokens: number;
  includeLegacy: boolean;
}): string {
  return JSON.stringify({
    v: 1,
    region: parts.region,
    endpoint: parts.endpoint.replace(/\/+$/, ""),
    providerFilter: [...parts.providerFilter].sort(),
    defaultContextWindow: parts.defaultContextWindow,
    defaultMaxTokens: parts.defaultMaxTokens,
    includeLegacy: parts.includeLegacy,
  });
}

/** A one-line reason, without secrets, for an error. */
function reasonOf(error: unknown): string {
  const text = error instanceof BedrockError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactSecrets(text).split("\n")[0]!.replace(/\.+$/, "");
}

function isAccessDenied(error: unknown): boolean {
  return (error instanceof BedrockError && (error.status === 403 || /AccessDenied/i.test(error.code))) || (error instanceof Error && /AccessDenied/.test(error.name));
}

interface Flight {
  promise: Promise<DiscoveryCacheEntry>;
  controller: AbortController;
  waiters: number;
}

/**
 * Model discovery for one client: ListFoundationModels + ListInferenceProfiles (in parallel),
 * filtered to streaming text models, cached for `refreshInterval` seconds (0 = no cache).
 * Concurrent calls share one fetch; on failure the last good list is served (`stale`), else an
 * empty list, always with the reason.
 */
export function createDiscovery(options: DiscoveryOptions): Discovery {
  const { request, settings, region, endpoint } = options;
  const store = options.cache ?? createMemoryDiscoveryCache();
  const now = options.now ?? (() => Date.now());
  const toError: ErrorFromResponse = options.errorFromResponse ?? ((r) => defaultErrorFromResponse(r));
  const ttlMs = Math.max(0, settings.refreshInterval) * 1000;
  const memo = new Map<string, DiscoveryCacheEntry>();
  const flights = new Map<string, Flight>();

  async function readCache(key: string): Promise<DiscoveryCacheEntry | undefined> {
    const local = memo.get(key);
    if (local) return local;
    try {
      const entry = await store.get(key);
      if (isDiscoveryCacheEntry(entry)) {
        memo.set(key, entry);
        return entry;
      }
    } catch {
      // A broken cache is no reason to fail: fetch instead.
    }
    return undefined;
  }

  async function writeCache(key: string, entry: DiscoveryCacheEntry): Promise<void> {
    memo.set(key, entry);
    try {
      await store.set(key, entry);
    } catch {
      // Same: the in-memory copy still serves this process.
    }
  }

  function isFresh(entry: DiscoveryCacheEntry, t: number): boolean {
    if (entry.fetchedAt > t) return false;
    if (t - entry.fetchedAt >= ttlMs) return false;
    return entry.expiresAt === undefined || t < entry.expiresAt;
  }

  async function fetchEntry(includeLegacy: boolean, signal: AbortSignal): Promise<DiscoveryCacheEntry> {
    const profilesPromise = fetchInferenceProfiles(request, signal, toError).then(
      (profiles) => ({ profiles, error: undefined as unknown }),
      (error: unknown) => ({ profiles: undefined, error }),
    );
    // If this throws, the profile request settles on its own (its promise never rejects).
    const summaries = await fetchFoundationModels(request, signal, toError);
    const { profiles, error: profilesError } = await profilesPromise;
    const { models, withoutProfile } = buildDiscoveredModels(summaries, profiles, {
      providerFilter: settings.providerFilter,
      includeLegacy,
      defaultContextWindow: settings.defaultContextWindow,
      defaultMaxTokens: settings.defaultMaxTokens,
    });
    const fetchedAt = now();
    const entry: DiscoveryCacheEntry = { models, fetchedAt };
    if (profilesError !== undefined) {
      const denied = isAccessDenied(profilesError);
      const missing = withoutProfile.length > 0 ? ` ${withoutProfile.length} model(s) that need an inference profile are left out (${withoutProfile.slice(0, 3).join(", ")}${withoutProfile.length > 3 ? ", …" : ""}).` : "";
      entry.profilesReason = `Inference profiles could not be listed: ${reasonOf(profilesError)}.${missing}`;
      // AccessDenied will not change by itself; a network or server failure may: retry sooner.
      if (!denied) entry.expiresAt = fetchedAt + Math.min(ttlMs, PARTIAL_FAILURE_TTL_SECONDS * 1000);
    }
    return entry;
  }

  function startFlight(key: string, includeLegacy: boolean): Flight {
    const controller = new AbortController();
    // The entry is cached before callers see it, so a process started right after finds it on disk.
    const promise = fetchEntry(includeLegacy, controller.signal).then(async (entry) => {
      if (ttlMs > 0) await writeCache(key, entry);
      return entry;
    });
    const flight: Flight = { controller, waiters: 0, promise };
    flights.set(key, flight);
    const land = (): void => {
      if (flights.get(key) === flight) flights.delete(key);
    };
    promise.then(land, land);
    return flight;
  }

  /** Wait for a shared fetch; aborting this caller only cancels the fetch when nobody else waits. */
  function join(key: string, flight: Flight, signal: AbortSignal | undefined): Promise<DiscoveryCacheEntry> {
    return joinShared(flight, signal, {
      left: () => new AbortError("Model discovery was aborted by the caller's AbortSignal."),
      lastLeft: () => {
        if (flights.get(key) === flight) flights.delete(key);
      },
    });
  }

  async function enabledOrReason(signal: AbortSignal | undefined): Promise<string | undefined> {
    if (settings.enabled === true) return undefined;
    if (settings.enabled === false) return "Discovery is off (models.bedrockDiscovery.enabled is false).";
    let found = false;
    try {
      found = await options.hasCredentials(signal);
    } catch (error) {
      if (error instanceof BedrockError && !signal?.aborted) return `Model discovery failed: ${reasonOf(error)}.`;
      found = false;
    }
    if (!found && signal?.aborted) return "Model discovery was aborted by the caller's AbortSignal while looking for credentials.";
    return found
      ? undefined
      : "Discovery is off: no AWS credentials were found. Configure credentials, or set models.bedrockDiscovery.enabled to true to try anyway.";
  }

  return {
    async list(listOptions: ListOptions = {}): Promise<DiscoveryResult> {
      const disabled = await enabledOrReason(listOptions.signal);
      if (disabled !== undefined) return { models: [], source: "disabled", reason: disabled };
      const includeLegacy = listOptions.includeLegacy ?? settings.includeLegacy;
      const key = discoveryCacheKey({
        region,
        endpoint,
        providerFilter: settings.providerFilter,
        defaultContextWindow: settings.defaultContextWindow,
        defaultMaxTokens: settings.defaultMaxTokens,
        includeLegacy,
      });
      const cached = ttlMs > 0 ? await readCache(key) : undefined;
      if (cached && !listOptions.refresh && isFresh(cached, now())) {
        return {
          models: cached.models,
          source: "cache",
          fetchedAt: cached.fetchedAt,
          ...(cached.profilesReason ? { profilesReason: cached.profilesReason } : {}),
        };
      }
      const flight = flights.get(key) ?? startFlight(key, includeLegacy);
      try {
        const entry = await join(key, flight, listOptions.signal);
        return {
          models: entry.models,
          source: "network",
          fetchedAt: entry.fetchedAt,
          ...(entry.profilesReason ? { profilesReason: entry.profilesReason } : {}),
        };
      } catch (error) {
        const reason = `Model discovery failed: ${reasonOf(error)}.`;
        const typed = error instanceof Error ? { error } : {};
        if (cached) {
          return {
            ...typed,
            models: cached.models,
            source: "stale",
            fetchedAt: cached.fetchedAt,
            reason: `${reason} Serving the list fetched at ${new Date(cached.fetchedAt).toISOString()}.`,
            ...(cached.profilesReason ? { profilesReason: cached.profilesReason } : {}),
          };
        }
        return { models: [], source: "network", reason, ...typed };
      }
    },
  };
}
