import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsErrorReply } from "../http/aws-error.js";
import type { EmulatorCredential, RecordedRequest } from "../options.js";
import { constantTimeEqual, maskKeyId, parseSigV4Authorization } from "./parse-authorization.js";

/** The request as the verifier needs it: the exact bytes and headers received. */
export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: Uint8Array;
}

/** Who called, and whether it was checked. */
export type AuthSummary = RecordedRequest["auth"] & { region?: string };

/** What the verifier accepts. */
export interface VerifyConfig {
  verify: boolean;
  credentials: EmulatorCredential[];
  bearerTokens: string[];
  region?: string;
  now: () => Date;
}

const MAX_SKEW_MS = 5 * 60 * 1000;
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

async function sha256Hex(body: Uint8Array): Promise<string> {
  const hash = new Sha256();
  hash.update(body);
  return toHex(await hash.digest());
}

function queryRecord(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** HTTP/2 pseudo-headers (the AWS SDK for JavaScript signs `:authority` over h2), rebuilt from the request. */
function pseudoHeader(name: string, request: ReceivedRequest): string | null {
  switch (name) {
    case ":authority":
      return request.url.host;
    case ":method":
      return request.method;
    case ":path":
      return request.url.pathname + request.url.search;
    case ":scheme":
      return request.url.protocol.replace(/:$/, "");
    default:
      return null;
  }
}

/** A cheap look at who the caller claims to be, without verifying (for `verify: false` and records). */
export function describeAuth(headers: Headers): AuthSummary {
  const header = headers.get("authorization") ?? "";
  if (/^Bearer\s/i.test(header)) return { scheme: "bearer", verified: false };
  const parsed = parseSigV4Authorization(header);
  if (parsed) return { scheme: "sigv4", accessKeyId: maskKeyId(parsed.accessKeyId), verified: false, region: parsed.region };
  return { scheme: "none", verified: false };
}

/**
 * Verify a request like AWS: a bearer token must be one of `bearerTokens`; a SigV4 signature is
 * recomputed with @smithy/signature-v4 over the received method, path, query, signed headers and
 * body (its hash, whatever `x-amz-content-sha256` claims) for the matching key pair, with the
 * session token checked and a 5-minute clock skew allowed. Returns the caller on success, else
 * the 403 reply Bedrock would send.
 */
export async function verifyRequest(request: ReceivedRequest, config: VerifyConfig): Promise<AuthSummary | AwsErrorReply> {
  const summary = describeAuth(request.headers);
  if (!config.verify) return summary;
  const header = request.headers.get("authorization");
  if (!header) return new AwsErrorReply(403, "MissingAuthenticationTokenException", "Missing Authentication Token");

  if (/^Bearer\s/i.test(header)) {
    const token = header.replace(/^Bearer\s+/i, "").trim();
    const ok = config.bearerTokens.some((t) => constantTimeEqual(t, token));
    if (!ok) return new AwsErrorReply(403, "AccessDeniedException", "Authentication failed: Please make sure your API Key is valid.");
    return { scheme: "bearer", verified: true };
  }

  const auth = parseSigV4Authorization(header);
  if (!auth) {
    return new AwsErrorReply(
      403,
      "IncompleteSignatureException",
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of an AWS4-HMAC-SHA256 signature.",
    );
  }
  const credential = config.credentials.find((c) => c.accessKeyId === auth.accessKeyId);
  if (!credential) return new AwsErrorReply(403, "UnrecognizedClientException", INVALID_TOKEN);

  const rawDate = request.headers.get("x-amz-date");
  const signingDate = rawDate ? parseAmzDate(rawDate) : undefined;
  if (!rawDate || !signingDate) {
    return new AwsErrorReply(403, "IncompleteSignatureException", "Authorization header requires existence of a valid 'X-Amz-Date' header.");
  }
  const now = config.now();
  if (signingDate.getTime() < now.getTime() - MAX_SKEW_MS) {
    return new AwsErrorReply(
      403,
      "InvalidSignatureException",
      `Signature expired: ${rawDate} is now earlier than ${amzDate(new Date(now.getTime() - MAX_SKEW_MS))} (${amzDate(now)} - 5 min.)`,
    );
  }
  if (signingDate.getTime() > now.getTime() + MAX_SKEW_MS) {
    return new AwsErrorReply(
      403,
      "InvalidSignatureException",
      `Signature not yet current: ${rawDate} is still later than ${amzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${amzDate(now)} + 5 min.)`,
    );
  }
  if (auth.date !== rawDate.slice(0, 8)) {
    return new AwsErrorReply(403, "InvalidSignatureException", `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${rawDate.slice(0, 8)}'`);
  }
  if (auth.service !== "bedrock") {
    return new AwsErrorReply(403, "InvalidSignatureException", "Credential should be scoped to correct service: 'bedrock'.");
  }
  if (config.region !== undefined && auth.region !== config.region) {
    return new AwsErrorReply(403, "InvalidSignatureException", `Credential should be scoped to a valid region, not '${auth.region}'.`);
  }
  const token = request.headers.get("x-amz-security-token") ?? undefined;
  if ((credential.sessionToken ?? undefined) !== token || (token !== undefined && !constantTimeEqual(credential.sessionToken!, token))) {
    return new AwsErrorReply(403, "UnrecognizedClientException", INVALID_TOKEN);
  }

  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    let value = name.startsWith(":") ? pseudoHeader(name, request) : (request.headers.get(name) ?? (name === "host" ? request.url.host : null));
    if (value === null) return new AwsErrorReply(403, "InvalidSignatureException", SIGNATURE_MISMATCH);
    if (name === "x-amz-content-sha256" && value !== "UNSIGNED-PAYLOAD") value = await sha256Hex(request.body);
    headers[name] = value;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, ...(token ? { sessionToken: token } : {}) },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port ? { port: Number(request.url.port) } : {}),
      path: request.url.pathname,
      query: queryRecord(request.url),
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = parseSigV4Authorization(String(signed.headers["authorization"] ?? ""));
  if (!expected || expected.signedHeaders.join(";") !== auth.signedHeaders.join(";") || !constantTimeEqual(expected.signature, auth.signature)) {
    return new AwsErrorReply(403, "InvalidSignatureException", SIGNATURE_MISMATCH);
  }
  return { scheme: "sigv4", accessKeyId: maskKeyId(auth.accessKeyId), verified: true, region: auth.region };
}
