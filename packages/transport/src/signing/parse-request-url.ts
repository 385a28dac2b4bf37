import { canonicalPath } from "./canonical-path.js";

/** The parts of a request URL that signing and the transports need, parsed once per distinct URL. */
export interface ParsedRequestUrl {
  readonly protocol: string;
  readonly hostname: string;
  /** `host[:port]`, as the `host` header carries it. */
  readonly host: string;
  /** The port number, or undefined for the scheme's default. */
  readonly port: number | undefined;
  readonly origin: string;
  /** The path as it travels (already percent-encoded). */
  readonly pathname: string;
  /** `?…` or empty. */
  readonly search: string;
  /** Query parameters in order, decoded, as `URLSearchParams` yields them. */
  readonly query: readonly (readonly [string, string])[];
  /** The query as the signer takes it: a repeated name holds its values in order. */
  readonly signingQuery: Readonly<Record<string, string | readonly string[]>>;
  /** The SigV4 canonical URI of {@link pathname} (its double encoding, see canonical-path.ts). */
  readonly canonicalPath: string;
}

function signingQueryOf(query: readonly (readonly [string, string])[]): Record<string, string | readonly string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    const prior = out[key];
    out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}

/** Distinct URLs remembered; a client sends to a handful (one per model and operation). */
const MAX_ENTRIES = 64;
const cache = new Map<string, ParsedRequestUrl>();

/**
 * `new URL(url)`, memoised: a call's URL is the same for every call to the same model, and parsing
 * it costs ≈ 10 µs when the CPU has just woken from waiting on the network (twice per call: signing
 * and the transport). The cache is bounded and cleared when full.
 *
 * @throws {TypeError} (`ERR_INVALID_URL`, as `new URL` throws it) when `url` is not an absolute URL.
 */
export function parseRequestUrl(url: string): ParsedRequestUrl {
  const hit = cache.get(url);
  if (hit !== undefined) return hit;
  const parsed = new URL(url);
  const query = Object.freeze([...parsed.searchParams].map(([key, value]) => Object.freeze([key, value] as const)));
  const entry: ParsedRequestUrl = Object.freeze({
    protocol: parsed.protocol,
    hostname: parsed.hostname,
    host: parsed.host,
    port: parsed.port === "" ? undefined : Number(parsed.port),
    origin: parsed.origin,
    pathname: parsed.pathname,
    search: parsed.search,
    query,
    signingQuery: Object.freeze(signingQueryOf(query)),
    canonicalPath: canonicalPath(parsed.pathname),
  });
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(url, entry);
  return entry;
}
