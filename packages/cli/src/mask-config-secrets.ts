import { isSecretConfigKey, isSecretConfigPath, looksLikeSecret, type ConfigPathSegment } from "@streambed/core";

export { isSecretConfigKey };

/** What stands in for a secret value: its size or kind, never the value (`<hidden: 52 characters; add --reveal to print it>`). */
export function hiddenValue(value: unknown, hint?: string): string {
  const size =
    typeof value === "string"
      ? `${value.length} character${value.length === 1 ? "" : "s"}`
      : Array.isArray(value)
        ? "an array"
        : typeof value === "object"
          ? "an object"
          : `a ${typeof value}`;
  return `<hidden: ${size}${hint ? `; ${hint}` : ""}>`;
}

/**
 * A copy of `value` (found at `path` in the config) with every secret, at any depth, replaced by
 * {@link hiddenValue}: values at secret-looking keys (`isSecretConfigPath`: `apiKey`, `botToken`,
 * `headers.Authorization`, `headers["x-api-key"]` …) and strings shaped like a secret
 * (`looksLikeSecret`: `ABSK…`, `Bearer …`, AWS secret keys, session tokens) wherever they are.
 * `null` and `undefined` are kept (nothing to hide).
 */
export function maskConfigSecrets(value: unknown, path: readonly ConfigPathSegment[], hint?: string): unknown {
  if (value === undefined || value === null) return value;
  if (isSecretConfigPath(path) || (typeof value === "string" && looksLikeSecret(value))) return hiddenValue(value, hint);
  if (Array.isArray(value)) return value.map((item, index) => maskConfigSecrets(item, [...path, index], hint));
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskConfigSecrets(item, [...path, key], hint)]));
  }
  return value;
}
