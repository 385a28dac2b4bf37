import type { StreambedConfig } from "../config/config-schema.js";
import type { ConfigPathSegment } from "../config/config-path.js";
import { isSecretConfigKey } from "../config/secret-config-keys.js";
import { looksLikeSecret } from "./looks-like-secret.js";
import { createSecretRedactor } from "./secret-redactor.js";

const ENV_REFERENCE = /^\$\{[A-Z_][A-Z0-9_]*\}$/;

/**
 * Replaces every known secret value in `text` with `****`: whole, in any encoding it may be
 * written in (raw, JSON-escaped, URL-encoded, base64 …), and any 8-character piece of one (see
 * `createSecretRedactor`). Values shorter than 8 characters are ignored.
 */
export function redactValues(text: string, secrets: Iterable<string | undefined>): string {
  return createSecretRedactor(secrets, { replacement: "****" }).redact(text);
}

/**
 * The secrets a config holds, for {@link redactValues}: the Bedrock API key first, then every
 * string at a secret-looking key (`isSecretConfigKey`: `apiKey`, a channel's `botToken`, a
 * `headers.Authorization` …) and every string shaped like a secret (`looksLikeSecret`), at any depth.
 */
export function configSecrets(config: StreambedConfig | undefined): string[] {
  const found = new Set<string>();
  const apiKey = config?.models?.providers?.["amazon-bedrock"]?.apiKey;
  if (typeof apiKey === "string" && apiKey.trim() && !ENV_REFERENCE.test(apiKey.trim())) found.add(apiKey.trim());
  const walk = (value: unknown, key: ConfigPathSegment | undefined, parent: ConfigPathSegment | undefined, depth: number): void => {
    if (typeof value === "string") {
      const secret = (typeof key === "string" && isSecretConfigKey(key, parent)) || looksLikeSecret(value);
      // A whole `${VAR}` reference names a variable; it is not the secret (its value is, once substituted).
      if (secret && value.trim() && !ENV_REFERENCE.test(value.trim())) found.add(value.trim());
    } else if (depth < 32 && Array.isArray(value)) {
      value.forEach((item, index) => walk(item, index, key, depth + 1));
    } else if (depth < 32 && value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k, key, depth + 1);
    }
  };
  walk(config, undefined, undefined, 0);
  return [...found];
}

/** The values of environment variables that hold secrets. */
export function envSecrets(env: Record<string, string | undefined>): string[] {
  return [
    env.AWS_SECRET_ACCESS_KEY,
    env.AWS_SESSION_TOKEN,
    env.AWS_BEARER_TOKEN_BEDROCK,
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN,
  ].filter((v): v is string => !!v);
}
