import type { StreambedConfig } from "../config/config-schema.js";

/** Replaces every occurrence of each known secret value (ignoring short strings) with `****`. */
export function redactValues(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join("****");
  }
  return out;
}

/** The secrets a config holds (the Bedrock API key), for {@link redactValues}. */
export function configSecrets(config: StreambedConfig | undefined): string[] {
  const apiKey = config?.models?.providers?.["amazon-bedrock"]?.apiKey;
  return typeof apiKey === "string" && apiKey.trim() ? [apiKey.trim()] : [];
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
