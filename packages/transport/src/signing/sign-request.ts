import type { HttpRequest } from "../transport.js";
import { parseRequestUrl, type ParsedRequestUrl } from "./parse-request-url.js";
import { signerFor } from "./signer-cache.js";
import { SigningError } from "./signing-error.js";
import { hasWebCrypto, WebCryptoSha256 } from "./web-crypto-sha256.js";

/** AWS access keys for SigV4. */
export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A Bedrock API key, sent as `authorization: Bearer <token>`. */
export interface BearerToken {
  bearerToken: string;
}

/**
 * A SHA-256 implementation with the `@aws-crypto` / `@smithy/hash-node` shape (`new Sha256(secret?)`):
 * with a secret it computes HMAC-SHA-256. Declared here rather than taken from `@smithy/types`, so the
 * public types don't depend on the signer, which is bundled into this package's build.
 */
export type ChecksumConstructor = (new (secret?: string | ArrayBuffer | ArrayBufferView) => {
  update(data: Uint8Array): void;
  digest(): Promise<Uint8Array>;
}) & {
  /**
   * Optional: the SHA-256 of `data` as lower-case hex, computed synchronously (Node's
   * `crypto.hash`). When present, {@link signRequest} hashes the body with it (one native call
   * instead of a hash object and a promise per request).
   */
  hashHex?(data: Uint8Array): string;
};

/** How {@link signRequest} signs. */
export interface SignOptions {
  credentials: SigV4Credentials | BearerToken;
  /** Signing region, e.g. `us-east-1`. */
  region: string;
  /** Signing service name. Default `"bedrock"`, right for both `bedrock-runtime` and `bedrock` hosts. */
  service?: string;
  /**
   * SHA-256 used for the payload hash and the HMACs. Default: the runtime's WebCrypto
   * ({@link WebCryptoSha256}). Node can pass `@smithy/hash-node`'s `Hash.bind(null, "sha256")`
   * (fastest); runtimes without `crypto.subtle` pass `Sha256` from `@aws-crypto/sha256-js`.
   */
  sha256?: ChecksumConstructor;
  /** Clock for `x-amz-date` (tests pin it). Default `() => new Date()`. */
  now?: () => Date;
}

/** Characters allowed in an HTTP header value (visible ASCII and space/tab, no CR/LF). */
const HEADER_VALUE = /^[\t\x20-\x7e]+$/;
const REGION = /^[a-z0-9-]+$/;

/** Headers a previous signing added; dropped first so that re-signing (a retry, new credentials) starts clean. */
const SIGNING_HEADERS = new Set(["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"]);

function unsignedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) if (!SIGNING_HEADERS.has(name.toLowerCase())) out[name] = headers[name]!;
  return out;
}

/** The keys and region that last passed signRequest's checks: the same strings again skip the regular expressions. */
let passed: { accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined; region: string } | undefined;

function passedBefore(credentials: SigV4Credentials, region: string): boolean {
  return (
    passed !== undefined &&
    passed.accessKeyId === credentials.accessKeyId &&
    passed.secretAccessKey === credentials.secretAccessKey &&
    passed.sessionToken === credentials.sessionToken &&
    passed.region === region
  );
}

function isBearer(credentials: SignOptions["credentials"]): credentials is BearerToken {
  return typeof (credentials as BearerToken).bearerToken === "string";
}

function requireHeaderSafe(value: unknown, what: string, fix: string): asserts value is string {
  if (typeof value !== "string" || value.length === 0 || !HEADER_VALUE.test(value)) {
    throw new SigningError(
      `${what} is ${typeof value !== "string" || value.length === 0 ? "empty" : "not a valid HTTP header value (it contains a line break or a non-ASCII character)"}. ${fix}`,
    );
  }
}

/**
 * Sign a request for Bedrock. With access keys: SigV4 over the exact `body` bytes, adding `host`
 * (from the URL, unless already set), `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token`
 * (session credentials only) and `authorization`, exactly as `@aws-sdk/client-bedrock-runtime` does.
 * With `{ bearerToken }`: adds only `authorization: Bearer <token>` and no SigV4 header.
 *
 * The URL path must already be percent-encoded as it travels (see {@link bedrockModelPath}); the
 * canonical URI is its double-encoded form. Signing headers already present (from an earlier
 * signing) are replaced. Returns a new request; the input is not modified.
 *
 * @throws {SigningError} for empty or malformed credentials, region or URL (never echoing a secret).
 */
export async function signRequest(request: HttpRequest, options: SignOptions): Promise<HttpRequest> {
  const { credentials } = options;
  if (credentials === null || typeof credentials !== "object") {
    throw new SigningError("No credentials were given to signRequest; pass access keys or { bearerToken }.");
  }
  if (isBearer(credentials)) {
    requireHeaderSafe(credentials.bearerToken, "The Bedrock bearer token", "Check AWS_BEARER_TOKEN_BEDROCK or the bearerToken you passed.");
    const headers = unsignedHeaders(request.headers);
    headers.authorization = `Bearer ${credentials.bearerToken}`;
    return { ...request, headers };
  }
  if (!passedBefore(credentials, options.region)) {
    requireHeaderSafe(credentials.accessKeyId, "The AWS access key id", "Check AWS_ACCESS_KEY_ID or the accessKeyId you passed.");
    requireHeaderSafe(credentials.secretAccessKey, "The AWS secret access key", "Check AWS_SECRET_ACCESS_KEY or the secretAccessKey you passed.");
    if (credentials.sessionToken !== undefined) {
      requireHeaderSafe(credentials.sessionToken, "The AWS session token", "Check AWS_SESSION_TOKEN or the sessionToken you passed (omit it for long-term keys).");
    }
    if (typeof options.region !== "string" || !REGION.test(options.region)) {
      throw new SigningError(`The signing region "${String(options.region)}" is not a region name like us-east-1; set region.`);
    }
    passed = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken, region: options.region };
  }

  if (options.sha256 === undefined && !hasWebCrypto()) {
    throw new SigningError(
      "This runtime has no WebCrypto (crypto.subtle; browsers only offer it on https pages), so SigV4 has no SHA-256. Pass sha256, e.g. Sha256 from @aws-crypto/sha256-js.",
    );
  }

  let url: ParsedRequestUrl;
  try {
    url = parseRequestUrl(request.url);
  } catch (cause) {
    throw new SigningError("The request URL is not an absolute URL; pass https://host/path.", { cause });
  }
  const headers = unsignedHeaders(request.headers);
  if (headers.host === undefined && headers[":authority"] === undefined) headers.host = url.host;

  const body = request.body ?? new Uint8Array(0);
  // A synchronous SHA-256 gives the payload hash at once; the signer then takes it from the header.
  if (typeof options.sha256?.hashHex === "function") headers["x-amz-content-sha256"] = options.sha256.hashHex(body);
  const service = options.service ?? "bedrock";
  const signer = signerFor(credentials, options.region, service, options.sha256 ?? WebCryptoSha256);
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      // Written out even when undefined (the scheme's default): a spread in a literal followed by
      // more properties takes V8's slow path (≈ 1–2 µs).
      port: url.port,
      // The signer takes the path as its canonical URI (uriEscapePath: false): it is the URL's,
      // double-encoded once per distinct URL (canonical-path.ts), as smithy would on every call.
      path: url.canonicalPath,
      query: url.signingQuery as Record<string, string | string[]>,
      headers,
      body,
    },
    { signingDate: options.now ? options.now() : new Date(), signingRegion: options.region, signingService: service },
  );
  return { ...request, headers: signed.headers as Record<string, string> };
}
