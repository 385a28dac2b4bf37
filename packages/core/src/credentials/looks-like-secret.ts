/** An Authorization header value: `Bearer …`, `Basic …`, a SigV4 `AWS4-HMAC-SHA256 Credential=…`. */
const AUTH_SCHEME = /^\s*(?:bearer|basic|aws4-hmac-sha256)\s+\S{8,}/i;
/** A Bedrock API key (`ABSK` + base64), anywhere in the value. */
const BEDROCK_API_KEY = /(?:^|[^A-Za-z0-9])ABSK[A-Za-z0-9+/=_-]{8,}/;
/** Well-known prefixed tokens: OpenAI/Anthropic `sk-…`, GitHub `ghp_…`/`github_pat_…`, Slack `xoxb-…`, Google `AIza…`. */
const PREFIXED_TOKEN = /(?:^|[^A-Za-z0-9])(?:sk-[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,})/;
/** A URL with a password in it (`https://user:pass@host`). */
const URL_PASSWORD = /\/\/[^/\s:@]+:[^/\s@]+@/;
/** Key material as a whole value: 40+ base64/base64url characters (AWS secret keys are 40, session tokens hundreds). */
const KEY_MATERIAL = /^[A-Za-z0-9+/_-]{40,}={0,2}$/;

/**
 * Whether a string value is a secret by its shape, whatever key it is written under: a Bedrock API
 * key (`ABSK…`), an `Authorization` value (`Bearer …`, `Basic …`, SigV4), an AWS secret access key
 * or session token (a whole value of 40+ base64 characters mixing upper case, lower case and
 * digits), a well-known prefixed token (`sk-…`, `ghp_…`, `xoxb-…`, `AIza…`) or a URL with a
 * password. Model ids, ARNs, URLs, regions and paths do not match.
 */
export function looksLikeSecret(value: string): boolean {
  if (AUTH_SCHEME.test(value) || BEDROCK_API_KEY.test(value) || PREFIXED_TOKEN.test(value) || URL_PASSWORD.test(value)) return true;
  const trimmed = value.trim();
  return KEY_MATERIAL.test(trimmed) && /[A-Z]/.test(trimmed) && /[a-z]/.test(trimmed) && /[0-9]/.test(trimmed);
}
