import type { ConfigPathSegment } from "./config-path.js";

/** Keys whose values are never shown: apiKey, secretAccessKey, sessionToken, bearerToken, password, authorization… (not maxTokens). */
const SECRET_KEY = /(key|secret|token|password|credentials?|authorization)$/i;
/** Header names whose values are never shown: Authorization, Proxy-Authorization, x-api-key, anything with token, secret, password or cookie in it. */
const SECRET_HEADER = /authorization|token|secret|password|api[-_]?key|cookie/i;

/** Whether an HTTP header's value is a secret: `Authorization`, `x-api-key`, `X-Amz-Security-Token`, `*token*`, `*secret*`, cookies. */
export function isSecretHeaderName(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/**
 * Whether a config key holds a secret whose value is never shown (in errors, `config get`, JSON5
 * excerpts): names ending in key, secret, token, password, credential(s) or authorization
 * (`apiKey`, `sessionToken`, `botToken`; not `maxTokens`), and, inside a `headers` object
 * (`parent`), every header {@link isSecretHeaderName} names. `key` is the key as parsed (a JSON5
 * key written `"api\u004bey"` is `apiKey`).
 */
export function isSecretConfigKey(key: string, parent?: ConfigPathSegment): boolean {
  return SECRET_KEY.test(key) || (typeof parent === "string" && parent.toLowerCase() === "headers" && isSecretHeaderName(key));
}

/** {@link isSecretConfigKey} of a path's last key, with its parent: `models.providers["amazon-bedrock"].headers.Authorization` is secret. */
export function isSecretConfigPath(path: readonly ConfigPathSegment[]): boolean {
  const last = path[path.length - 1];
  return typeof last === "string" && isSecretConfigKey(last, path[path.length - 2]);
}
