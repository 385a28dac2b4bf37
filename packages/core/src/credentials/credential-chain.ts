import { AbortError, BedrockError, TimeoutError } from "@streambed/transport";
import { CredentialsError, CredentialsNotFoundError } from "../errors/index.js";
import type { CredentialDescription, ResolvedCredentials } from "../types/credentials.js";
import { checkCredentials } from "./check-credentials.js";
import { checkNotExpired } from "./check-not-expired.js";
import type { CredentialSourceProvider } from "./credential-source.js";
import { describeCredentials } from "./describe-credentials.js";
import { joinShared, type SharedWork } from "../async/join-shared.js";

/** Ordered credential sources behind one cache. */
export interface CredentialChain {
  /**
   * The first source that has credentials. Cached until `refreshWindowMs` before they expire;
   * concurrent callers share one load. With `signal`, this caller stops waiting as soon as it is
   * aborted: the promise rejects with a `CredentialsError` naming the source that was being asked.
   * The shared load goes on while another caller still waits for it; once nobody does, it is
   * aborted (the source's `load()` gets the signal: requests are aborted, processes killed) and the
   * next `get()` starts a new one.
   */
  get(options?: { signal?: AbortSignal }): Promise<ResolvedCredentials>;
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
  /** The last line of `CredentialsNotFoundError`: what to set, naming only the sources this runtime has. */
  notFoundAdvice?: string;
}

/** The default refresh window: credentials are reloaded 5 minutes before they expire. */
export const DEFAULT_REFRESH_WINDOW_MS = 5 * 60_000;

/**
 * Core-internal: a chain made by {@link createCredentialChain} has, under this symbol, a function
 * giving its cached credentials when `get()` would return them at once (cached and before the
 * refresh window), else undefined. A warm call takes them without a promise; see {@link cachedCredentials}.
 */
const CACHED = Symbol("streambed.cachedCredentials");

/** `chain`'s credentials when `get()` would return them at once (see {@link CACHED}); undefined otherwise, or for a chain made elsewhere. */
export function cachedCredentials(chain: CredentialChain): ResolvedCredentials | undefined {
  return (chain as { [CACHED]?: () => ResolvedCredentials | undefined })[CACHED]?.();
}

/**
 * Tries `sources` in order and caches the first credentials found. A source that is not present
 * (`load()` → `undefined`) is recorded in `tried`; a source that is present but fails stops the chain
 * with a `CredentialsError`; no source at all → `CredentialsNotFoundError(tried)`.
 */
export function createCredentialChain(sources: CredentialSourceProvider[], options: CredentialChainOptions = {}): CredentialChain {
  const now = options.now ?? Date.now;
  const windowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  let cached: ResolvedCredentials | undefined;
  let inflight: Load | undefined;
  let generation = 0;

  const expiresAt = (r: ResolvedCredentials) => r.credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;

  async function loadChain(load: Load): Promise<ResolvedCredentials> {
    const { signal } = load.controller;
    const tried: string[] = [];
    for (const source of sources) {
      if (signal.aborted) throw signal.reason;
      load.source = source;
      let credentials;
      try {
        credentials = await source.load({ signal });
      } catch (error) {
        if (error instanceof BedrockError) throw error;
        throw new CredentialsError(`Loading credentials from ${source.label} failed: ${error instanceof Error ? error.message : String(error)}`, {
          source: source.label,
          cause: error,
        });
      }
      if (credentials) return { credentials: checkNotExpired(checkCredentials(credentials, source.label), source.label, now()), source: source.label };
      tried.push(`${source.label} — ${source.absent ?? "not present"}`);
    }
    throw new CredentialsNotFoundError(tried, options.notFoundAdvice ? { advice: options.notFoundAdvice } : {});
  }

  function startLoad(): Load {
    const startedIn = generation;
    const load: Load = { controller: new AbortController(), waiters: 0, source: undefined, promise: undefined as unknown as Promise<ResolvedCredentials> };
    load.promise = loadChain(load)
      .then((resolved) => {
        if (startedIn === generation) cached = resolved;
        return resolved;
      })
      .finally(() => {
        if (inflight === load) inflight = undefined;
      });
    inflight = load;
    return load;
  }

  /** Wait for a shared load; a caller that is aborted leaves, and the last one to leave aborts the load. */
  function join(load: Load, signal: AbortSignal | undefined): Promise<ResolvedCredentials> {
    return joinShared(load, signal, {
      left: () => stopped(load.source?.label, signal?.reason),
      lastLeft: () => {
        if (inflight === load) inflight = undefined;
      },
    });
  }

  /** The cached credentials while they need no refresh: what get() returns at once. */
  function fresh(): ResolvedCredentials | undefined {
    const current = cached;
    return current && now() < expiresAt(current) - windowMs ? current : undefined;
  }

  async function get(getOptions: { signal?: AbortSignal } = {}): Promise<ResolvedCredentials> {
    const ready = fresh();
    if (ready) return ready;
    const current = cached;
    const { signal } = getOptions;
    if (signal?.aborted && !inflight) throw stopped(undefined, signal.reason); // start nothing for a caller that has already gone
    const load = join(inflight ?? startLoad(), signal);
    // In the refresh window: refresh, but keep using the still-valid credentials if that fails.
    if (current && now() < expiresAt(current)) return load.catch(() => current);
    return load;
  }

  const chain: CredentialChain = {
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
  Object.defineProperty(chain, CACHED, { value: fresh });
  return chain;
}

/** One load of the chain, shared by every caller waiting for it. */
interface Load extends SharedWork<ResolvedCredentials> {
  /** The source being asked right now. */
  source: CredentialSourceProvider | undefined;
}

/** The error of a caller that stopped waiting for `label` (the source being asked) because of `reason`. */
function stopped(label: string | undefined, reason: unknown): CredentialsError {
  return new CredentialsError(
    `Getting credentials from ${label ?? "the credential chain"} did not finish: ${whyStopped(reason)}. Check that this source answers promptly (its STS or SSO endpoint, its credential_process), or give the call more time.`,
    label === undefined ? {} : { source: label },
  );
}

/** Why a wait for credentials was given up, in words. */
function whyStopped(reason: unknown): string {
  if (reason instanceof TimeoutError) return `the call's ${reason.kind} timeout (${reason.timeoutMs} ms) ran out first`;
  if (reason instanceof AbortError) return "the caller aborted the call";
  return "the wait was aborted";
}
