import { SignatureV4 } from "@smithy/signature-v4";
import type { ChecksumConstructor, SigV4Credentials } from "./sign-request.js";
import { encodeUtf8 } from "../event-stream/utf8.js";
import { signingDates, type SigningDates } from "./sign-date.js";

/** One reusable signer: its keys, where it signs, and the SHA-256 it hashes with. */
interface Entry {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
  readonly region: string;
  readonly service: string;
  readonly sha256: ChecksumConstructor;
  readonly signer: SignatureV4;
}

/** Signers kept: a client signs with one set of keys for one region and service, a few at most. */
const MAX_SIGNERS = 4;
/** Derived keys kept per signer: one per day (the current one and, around midnight UTC, the last). */
const MAX_KEYS = 2;
const signers: Entry[] = [];

type KeyDeriver = (credentials: SigV4Credentials, region: string, shortDate: string, service?: string) => Promise<Uint8Array>;

/**
 * Keep a signer's derived signing keys (`kSigning` = HMAC chain of secret, day, region, service),
 * per day: smithy's own cache is keyed by an HMAC of the secret, which it recomputes on every
 * request. The signer's keys never change (a signer is made for one set of keys, see
 * {@link signerFor}), so the day, region and service name the key.
 */
function cacheSigningKeys(signer: SignatureV4): void {
  const target = signer as unknown as { getSigningKey?: KeyDeriver };
  const derive = target.getSigningKey;
  if (typeof derive !== "function") return; // another smithy shape: derive every time, as before
  const keys = new Map<string, Promise<Uint8Array>>();
  target.getSigningKey = (credentials, region, shortDate, service) => {
    const scope = `${shortDate}/${region}/${service ?? ""}`;
    let key = keys.get(scope);
    if (key === undefined) {
      if (keys.size >= MAX_KEYS) keys.clear();
      key = derive.call(signer, credentials, region, shortDate, service);
      keys.set(scope, key);
      key.catch(() => keys.delete(scope)); // a failed derivation is tried again next time
    }
    return key;
  };
}

/**
 * Format the signing date from its UTC fields instead of smithy's `toISOString()` and two regular
 * expressions (sign-date.ts); smithy's own `formatDate` takes what that cannot write the same way.
 */
function formatDatesByFields(signer: SignatureV4): void {
  const target = signer as unknown as { formatDate?: (now: unknown) => SigningDates };
  const format = target.formatDate;
  if (typeof format !== "function") return; // another smithy shape: its own formatting, as before
  target.formatDate = (now) => signingDates(now) ?? format.call(signer, now);
}

type StringToSign = (longDate: string, credentialScope: string, canonicalRequest: string, algorithm: string) => Promise<string>;

/**
 * With a SHA-256 that hashes synchronously (`hashHex`, Node's `NodeSha256`), the string to sign
 * takes the canonical request's hash from one `hashHex` call: smithy's own makes a hash object,
 * awaits its digest and writes the hex digits in a loop. The string is smithy's format, the same
 * four lines; the canonical request is still smithy's.
 */
function hashCanonicalRequestsAtOnce(signer: SignatureV4, sha256: ChecksumConstructor): void {
  const hashHex = sha256.hashHex;
  const target = signer as unknown as { createStringToSign?: StringToSign };
  if (typeof hashHex !== "function" || typeof target.createStringToSign !== "function") return; // another shape: smithy's own, as before
  target.createStringToSign = (longDate, credentialScope, canonicalRequest, algorithm) =>
    Promise.resolve(`${algorithm}\n${longDate}\n${credentialScope}\n${hashHex.call(sha256, encodeUtf8(canonicalRequest))}`);
}

/**
 * A `SignatureV4` for these keys, region, service and SHA-256, made once and reused: building one
 * per request (and deriving its signing key again) was ≈ a third of signing's cost. The few most
 * recently used are kept; keys are compared by value, so refreshed credentials get a new signer.
 */
export function signerFor(credentials: SigV4Credentials, region: string, service: string, sha256: ChecksumConstructor): SignatureV4 {
  for (let i = 0; i < signers.length; i++) {
    const e = signers[i]!;
    if (
      e.accessKeyId === credentials.accessKeyId &&
      e.secretAccessKey === credentials.secretAccessKey &&
      e.sessionToken === credentials.sessionToken &&
      e.region === region &&
      e.service === service &&
      e.sha256 === sha256
    ) {
      if (i > 0) signers.unshift(...signers.splice(i, 1));
      return e.signer;
    }
  }
  const keys: SigV4Credentials = {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
  };
  // uriEscapePath: false — signRequest passes the canonical URI itself (canonical-path.ts), computed
  // once per URL instead of on every signing.
  // Node's SHA-256 (@streambed/node's NodeSha256) makes each HMAC from two one-shot hashes itself.
  const signer = new SignatureV4({ service, region, credentials: keys, sha256, uriEscapePath: false, applyChecksum: true });
  cacheSigningKeys(signer);
  formatDatesByFields(signer);
  hashCanonicalRequestsAtOnce(signer, sha256);
  signers.unshift({ ...keys, sessionToken: credentials.sessionToken, region, service, sha256, signer });
  if (signers.length > MAX_SIGNERS) signers.pop();
  return signer;
}

/**
 * Drops the signers kept for `accessKeyId` (every region, service and session token), and with them
 * their copies of the secret key and the derived signing keys. A client calls it from `close()`, so
 * no secret it signed with stays in this module's memory after it; another client still using the
 * same keys makes a new signer on its next request. Returns how many signers were dropped.
 */
export function forgetSigningKeys(accessKeyId: string): number {
  let dropped = 0;
  for (let i = signers.length - 1; i >= 0; i--) {
    if (signers[i]!.accessKeyId === accessKeyId) {
      signers.splice(i, 1);
      dropped++;
    }
  }
  return dropped;
}
