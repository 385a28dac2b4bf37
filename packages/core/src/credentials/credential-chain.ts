import { BedrockError } from "@streambed/transport";
import { CredentialsError, CredentialsNotFoundError } from "../errors/index.js";
import type { CredentialDescription, ResolvedCredentials } from "../types/credentials.js";
import { checkCredentials } from "./check-credentials.js";
import type { CredentialSourceProvider } from "./credential-source.js";
import { describeCredentials } from "./describe-credentials.js";

/** Ordered credential sources behind one cache. */
export interface CredentialChain {
  /** The first source that has credentials. Cached until `refreshWindowMs` before they expire; concurrent callers share one load. */
  get(): Promise<ResolvedCredentials>;
  /** Drops the cached credentials (after an expired-token error): the next `get()` loads again. */
  invalidate(): void;
  /** Where the credentials come from, without any secret; `source: "none"` with `tried` when there are none. */
  describe(): Promise<CredentialDescription>;
}

export interface CredentialChainOptions {
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /** Refresh this long before `expiration`. Default 5 minutes. */
  refreshWindowMs?: number;
}

/** The default refresh window: credentials are reloaded 5 minutes before they expire. */
export const DEFAULT_REFRESH_WINDOW_MS = 5 * 60_000;

/**
 * Tries `sources` in order and caches the first credentials found. A source that is not present
 * (`load()` → `undefined`) is recorded in `tried`; a source that is present but fails stops the chain
 * with a `CredentialsError`; no source at all → `CredentialsNotFoundError(tried)`.
 */
export function createCredentialChain(sources: CredentialSourceProvider[], options: CredentialChainOptions = {}): CredentialChain {
  const now = options.now ?? Date.now;
  const windowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  let cached: ResolvedCredentials | undefined;
  let inflight: Promise<ResolvedCredentials> | undefined;
  let generation = 0;

  const expiresAt = (r: ResolvedCredentials) => r.credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;

  async function loadChain(): Promise<ResolvedCredentials> {
    const tried: string[] = [];
    for (const source of sources) {
      let credentials;
      try {
        credentials = await source.load();
      } catch (error) {
        if (error instanceof BedrockError) throw error;
        throw new CredentialsError(`Loading credentials from ${source.label} failed: ${error instanceof Error ? error.message : String(error)}`, {
          source: source.label,
          cause: error,
        });
      }
      if (credentials) return { credentials: checkCredentials(credentials, source.label), source: source.label };
      tried.push(`${source.label} — ${source.absent ?? "not present"}`);
    }
    throw new CredentialsNotFoundError(tried);
  }

  function refresh(): Promise<ResolvedCredentials> {
    if (inflight) return inflight;
    const startedIn = generation;
    const p: Promise<ResolvedCredentials> = loadChain()
      .then((resolved) => {
        if (startedIn === generation) cached = resolved;
        return resolved;
      })
      .finally(() => {
        if (inflight === p) inflight = undefined;
      });
    inflight = p;
    return p;
  }

  async function get(): Promise<ResolvedCredentials> {
    const current = cached;
    if (current && now() < expiresAt(current) - windowMs) return current;
    if (current && now() < expiresAt(current)) {
      // In the refresh window: refresh, but keep using the still-valid credentials if that fails.
      return refresh().catch(() => current);
    }
    return refresh();
  }

  return {
    get,
    invalidate() {
      generation++;
      cached = undefined;
      inflight = undefined;
      for (const source of sources) source.invalidate?.();
    },
    async describe() {
      try {
        return describeCredentials(await get());
      } catch (error) {
        if (error instanceof CredentialsNotFoundError) return { source: "none", kind: "none", tried: error.tried };
        throw error;
      }
    },
  };
}
