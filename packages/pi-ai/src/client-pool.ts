import { createBedrock, createFetchTransport, createUndiciTransport, type BedrockClient, type BedrockOptions, type Transport } from "streambed";
import { settingsKey, type ClientSettings } from "./client-settings.js";
import { hookedTransport } from "./response-hook.js";

/** Clients kept at once; the least recently used is forgotten beyond this (hosts use one or two settings). */
const MAX_CLIENTS = 8;

/** Placeholder keys signed with under `AWS_BEDROCK_SKIP_AUTH=1` (pi-ai's, for an authenticating proxy). */
const SKIP_AUTH_CREDENTIALS = { accessKeyId: "dummy-access-key", secretAccessKey: "dummy-secret-key" };

/** streambed clients per {@link ClientSettings}, built from the provider's `bedrock` options. */
export class ClientPool {
  readonly #base: BedrockOptions;
  readonly #clients = new Map<string, BedrockClient>();

  constructor(base: BedrockOptions = {}) {
    this.#base = base;
  }

  /** The client for these settings (created on first use). */
  get(settings: ClientSettings): BedrockClient {
    const key = settingsKey(settings);
    let client = this.#clients.get(key);
    if (client !== undefined) {
      this.#clients.delete(key);
      this.#clients.set(key, client);
      return client;
    }
    client = createBedrock(this.#options(settings));
    this.#clients.set(key, client);
    if (this.#clients.size > MAX_CLIENTS) {
      // Forgotten, not closed: a stream may still be reading through it. Its idle pooled
      // connections close by themselves (keep-alive timeout, 4 s).
      this.#clients.delete(this.#clients.keys().next().value as string);
    }
    return client;
  }

  #options(settings: ClientSettings): BedrockOptions {
    const base = this.#base;
    const options: BedrockOptions = { ...base };
    // The caller's transport is shared by every client (never closed here); a default one is per client.
    const own: Transport | undefined = base.transport ? undefined : base.fetch ? createFetchTransport({ fetch: base.fetch }) : createUndiciTransport(base.env ? { env: base.env } : {});
    options.transport = hookedTransport(base.transport ?? own!, own !== undefined);
    if (settings.region) options.region = settings.region;
    if (settings.profile) options.profile = settings.profile;
    if (settings.skipAuth) options.credentials = SKIP_AUTH_CREDENTIALS;
    else if (settings.bearerToken) options.credentials = { bearerToken: settings.bearerToken };
    if (settings.firstByteMs !== undefined) options.timeouts = { ...base.timeouts, firstByteMs: settings.firstByteMs };
    if (settings.maxAttempts !== undefined || settings.maxDelayMs !== undefined) {
      const retry = base.retry === false ? {} : { ...base.retry };
      if (settings.maxAttempts !== undefined) retry.maxAttempts = settings.maxAttempts;
      if (settings.maxDelayMs !== undefined) retry.maxDelayMs = settings.maxDelayMs;
      options.retry = retry;
    }
    return options;
  }

  /** Close every client (release pooled connections). */
  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map((c) => c.close()));
  }
}
