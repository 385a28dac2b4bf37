import type { AwsCredentials, CredentialSourceProvider } from "@streambed/core";
import { ConfigError, CredentialsError, DEFAULT_REFRESH_WINDOW_MS } from "@streambed/core";
import { fetchImdsCredentials, ImdsUnavailable } from "./imds-client.js";

type Env = Record<string, string | undefined>;

/** IMDS is given this long, in total, to answer (token + role + credentials). */
export const IMDS_TIMEOUT_MS = 1000;
/** Credentials just fetched are not fetched again sooner than this, even when IMDS serves ones close to expiry. */
export const IMDS_MIN_REFETCH_MS = 60_000;
/** After IMDS was unreachable or had no role, it is not asked again for this long (unless invalidated). */
export const IMDS_NEGATIVE_TTL_MS = 5 * 60_000;

type Outcome = { credentials: AwsCredentials & { expiration: Date } } | { absent: string };

interface CacheEntry {
  credentials?: AwsCredentials & { expiration: Date };
  fetchedAt?: number;
  absent?: { reason: string; until: number };
  inflight?: Promise<Outcome>;
}

/** One cache per process, keyed by metadata endpoint: every client shares it, so IMDS is asked once until expiry. */
const cache = new Map<string, CacheEntry>();

/** Forgets everything cached from the metadata service (tests). */
export function resetImdsCache(): void {
  cache.clear();
}

/** `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the IPv4 or IPv6 (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`) link-local address. */
export function imdsEndpoint(env: Env): string {
  const configured = env.AWS_EC2_METADATA_SERVICE_ENDPOINT?.trim();
  if (configured) {
    let url: URL;
    try {
      url = new URL(configured);
    } catch {
      throw new ConfigError("AWS_EC2_METADATA_SERVICE_ENDPOINT is not a valid URL; expected e.g. http://169.254.169.254.", {
        path: "AWS_EC2_METADATA_SERVICE_ENDPOINT",
      });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new ConfigError("AWS_EC2_METADATA_SERVICE_ENDPOINT must be an http:// or https:// URL.", { path: "AWS_EC2_METADATA_SERVICE_ENDPOINT" });
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  }
  return env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE?.trim().toLowerCase() === "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
}

const isTrue = (value: string | undefined) => value?.trim().toLowerCase() === "true";

export interface ImdsSourceOptions {
  env: Env;
  now?: () => number;
  /** Total budget; at most 1000 ms. */
  timeoutMs?: number;
  refreshWindowMs?: number;
}

/**
 * Step 4c: the EC2 instance role through IMDSv2, asked lazily (never at import), at most once per
 * process and endpoint until the credentials are within the refresh window of expiring, within
 * 1 s in total. `AWS_EC2_METADATA_DISABLED=true` skips it. An unreachable service or an instance
 * without role is "not present" (remembered for 5 minutes). A service that answered and then stalls
 * or sends a reply over 64 KiB is unhealthy: a `CredentialsError`, asked again on the next call.
 * Label `instance role (IMDS)`.
 */
export function instanceMetadataCredentialSource(options: ImdsSourceOptions): CredentialSourceProvider {
  const { env } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = Math.min(options.timeoutMs ?? IMDS_TIMEOUT_MS, IMDS_TIMEOUT_MS);
  const windowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  const label = "instance role (IMDS)";

  const source: CredentialSourceProvider = {
    label,
    async load() {
      if (isTrue(env.AWS_EC2_METADATA_DISABLED)) {
        source.absent = "AWS_EC2_METADATA_DISABLED=true";
        return undefined;
      }
      const endpoint = imdsEndpoint(env);
      let entry = cache.get(endpoint);
      if (!entry) cache.set(endpoint, (entry = {}));
      const held = entry.credentials;
      if (held && now() < held.expiration.getTime() - windowMs) return held;
      if (held && now() < held.expiration.getTime() && now() - (entry.fetchedAt ?? 0) < IMDS_MIN_REFETCH_MS) return held;
      if (!held && entry.absent && now() < entry.absent.until) {
        source.absent = `${entry.absent.reason} (remembered; not asked again for ${IMDS_NEGATIVE_TTL_MS / 60_000} min)`;
        return undefined;
      }
      const e = entry;
      e.inflight ??= fetchImdsCredentials({ endpoint, timeoutMs, allowV1: !isTrue(env.AWS_EC2_METADATA_V1_DISABLED) })
        .then((doc): Outcome => {
          const expiration = new Date(doc.Expiration);
          if (Number.isNaN(expiration.getTime())) throw new Error("the instance role credentials have an invalid Expiration");
          e.credentials = { accessKeyId: doc.AccessKeyId, secretAccessKey: doc.SecretAccessKey, sessionToken: doc.Token, expiration };
          e.fetchedAt = now();
          e.absent = undefined;
          return { credentials: e.credentials };
        })
        .catch((error: unknown): Outcome => {
          if (!(error instanceof ImdsUnavailable)) throw error;
          const reason = error.reachable ? `${endpoint}: ${error.message}` : `no instance metadata service at ${endpoint}: ${error.message}`;
          e.absent = { reason, until: now() + IMDS_NEGATIVE_TTL_MS };
          return { absent: reason };
        })
        .finally(() => {
          e.inflight = undefined;
        });
      let outcome: Outcome;
      try {
        outcome = await e.inflight;
      } catch (error) {
        if (held && now() < held.expiration.getTime()) return held;
        throw new CredentialsError(`The instance metadata service at ${endpoint} answered, but ${(error as Error).message}.`, { source: label, cause: error });
      }
      if ("credentials" in outcome) return outcome.credentials;
      if (held && now() < held.expiration.getTime()) return held;
      source.absent = outcome.absent;
      return undefined;
    },
    invalidate() {
      try {
        cache.delete(imdsEndpoint(env));
      } catch {
        // an invalid endpoint has nothing cached
      }
    },
  };
  return source;
}
