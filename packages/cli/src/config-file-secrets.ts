import { readFile } from "node:fs/promises";
import { configSecrets, substituteEnv } from "@streambed/core";
import { parseJson5, secretValueSpans } from "@streambed/node/internal";
import { defaultConfigPath, type StreambedConfig } from "streambed";

/**
 * The secrets a config holds, for redaction: core's `configSecrets` — the Bedrock API key, every
 * string at a secret-looking key at any depth (an OpenClaw config also holds gateway and channel
 * tokens; `headers.Authorization`), and every string shaped like a secret.
 */
export function secretsOfConfig(config: unknown): string[] {
  return configSecrets(config as StreambedConfig | undefined);
}

/**
 * The values written at secret-looking keys in config text that is not valid JSON5 (a syntax
 * error's message quotes the offending line, which may be the API key's own line).
 */
export function secretsInConfigText(text: string): string[] {
  const found = new Set<string>();
  for (const [start, end] of secretValueSpans(text)) {
    const value = text.slice(start, end).trim();
    if (value) found.add(value);
  }
  return [...found];
}

/**
 * The secrets of the config file the CLI's client reads (STREAMBED_CONFIG, else
 * ~/.streambed/config.json5), for redacting what the CLI prints: {@link secretsOfConfig} of its
 * content with `${VAR}` references substituted from `env`, also when the content fails the schema; {@link secretsInConfigText} when it is not JSON5.
 * Read only when something is about to be printed; no file (or an unreadable one) → none.
 */
export async function configFileSecrets(env: Record<string, string | undefined>): Promise<string[]> {
  const file = defaultConfigPath(env);
  let text: string;
  try {
    text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  } catch {
    return [];
  }
  try {
    // As the client sees it: `${VAR}` references filled from the env, so the variables' values are redacted too.
    return secretsOfConfig(substituteEnv(parseJson5(file, text), env).value);
  } catch {
    return secretsInConfigText(text);
  }
}
