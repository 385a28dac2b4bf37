/**
 * The per-call pi-ai options that streambed sets per client (a client holds its region, its
 * credentials, its retry policy and its timeouts): calls with the same settings share one client.
 */
export interface ClientSettings {
  region?: string;
  /** Shared-config profile (`BedrockOptions.profile`). */
  profile?: string;
  /** A Bedrock API key (`bearerToken`, or static placeholder keys under `AWS_BEDROCK_SKIP_AUTH=1`). */
  bearerToken?: string;
  /** `AWS_BEDROCK_SKIP_AUTH=1`: sign with placeholder keys, for a proxy that authenticates itself. */
  skipAuth?: boolean;
  /** `timeoutMs` → streambed `timeouts.firstByteMs`. */
  firstByteMs?: number;
  /** `maxRetries` → streambed `retry.maxAttempts` (retries + 1). */
  maxAttempts?: number;
  /** `maxRetryDelayMs` → streambed `retry.maxDelayMs`. */
  maxDelayMs?: number;
}

/** A key naming the settings (a Bedrock API key is in it: the key stays in memory, never printed). */
export function settingsKey(settings: ClientSettings): string {
  return JSON.stringify([settings.region, settings.profile, settings.bearerToken, settings.skipAuth, settings.firstByteMs, settings.maxAttempts, settings.maxDelayMs]);
}
