/** Longest service message kept in an error; the rest is cut (HTML pages from proxies, dumps). */
export const MAX_SERVICE_MESSAGE_LENGTH = 1000;

const CANONICAL_DUMP = /\s*The Canonical String for this request should have been[\s\S]*$/;
const STRING_TO_SIGN_DUMP = /\s*The String-to-Sign should have been[\s\S]*$/;
const SECURITY_TOKEN = /(x-amz-security-token\s*[:=]\s*)[^\s'",&]+/gi;
const SIGNATURE = /(Signature\s*=\s*)[0-9a-f]+/gi;
const BEARER = /(Bearer\s+)[^\s'",]+/gi;
const BEDROCK_API_KEY = /\bABSK[A-Za-z0-9+/=_-]{8,}/g;
const ACCESS_KEY_ID = /\b((?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12})([A-Z0-9]{4})\b/g;
const HEX_64 = /\b[0-9a-f]{64}\b/gi;
/** 40+ characters of base64 alphabet containing a digit and a letter: secret keys, session tokens. */
const LONG_SECRET = /[A-Za-z0-9+/]{40,}={0,2}/g;

/** Runs of percent-escapes (`%3D`, `%2F%2B` …): a URL-encoded echo hides every shape below. */
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

function decodePercentRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run; // Not UTF-8 (a lone %C3): left as it is.
  }
}

function redactLong(match: string): string {
  return /[0-9]/.test(match) && /[A-Za-z]/.test(match) ? "[redacted]" : match;
}

/**
 * Remove anything secret-looking from a message Bedrock (or a proxy) sent back: the canonical
 * request / string-to-sign dumps of InvalidSignatureException (they contain the session token),
 * security tokens, signatures, bearer tokens, Bedrock API keys, long base64 runs (secret keys,
 * session tokens). Access key ids are masked to `****ABCD`. Percent-escapes are decoded first, so a
 * URL-encoded echo (`Credential%3DAKIA…%2F…`, `Signature%3D…`, a token with `%2B`) is caught too.
 * Also collapses the message to one line and caps it at {@link MAX_SERVICE_MESSAGE_LENGTH} characters.
 */
export function redactSecrets(text: string): string {
  let out = text.replace(PERCENT_RUN, decodePercentRun).replace(CANONICAL_DUMP, "").replace(STRING_TO_SIGN_DUMP, "");
  out = out
    .replace(SECURITY_TOKEN, "$1[redacted]")
    .replace(SIGNATURE, "$1[redacted]")
    .replace(BEARER, "$1[redacted]")
    .replace(BEDROCK_API_KEY, "[redacted]")
    .replace(ACCESS_KEY_ID, "****$2")
    .replace(HEX_64, "[redacted]")
    .replace(LONG_SECRET, redactLong)
    .replace(/\s+/g, " ")
    .trim();
  return out.length > MAX_SERVICE_MESSAGE_LENGTH ? `${out.slice(0, MAX_SERVICE_MESSAGE_LENGTH)}…` : out;
}
