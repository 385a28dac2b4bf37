import type { BedrockClient } from "@streambed/core";
import type { RemoteImageOptions } from "./chat/image-source.js";
import type { GatewayKey } from "./keys/gateway-key.js";
import type { RateLimiter } from "./limits/rate-limiter.js";
import type { AccessLogEntry, GatewayMetrics } from "./metrics/gateway-metrics.js";

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The streambed client that calls Bedrock (its credentials are the gateway's, never the client's). */
  bedrock: Pick<BedrockClient, "stream" | "complete" | "models">;
  /** The keys clients may use (hashes only), or a function giving the current list (read per request: revoking takes effect at once). */
  keys: readonly GatewayKey[] | (() => readonly GatewayKey[]);
  /** Requests and tokens per minute per key. Default: {@link createMemoryLimiter} (one replica). */
  limiter?: RateLimiter;
  /** Where requests, errors, tokens, time to first token and active streams are reported. Default: nowhere. */
  metrics?: GatewayMetrics;
  /** One call per finished request (no prompt, no answer, no key). Default: no log. */
  log?: (entry: AccessLogEntry) => void;
  /** Fetch http(s) image URLs, within these limits. Default: refused (400): clients send data URLs. */
  remoteImages?: RemoteImageOptions | false;
  /** Largest request body, in bytes (default 32 MiB: a few base64 images). Larger: 413. */
  maxBodyBytes?: number;
  /** Called with errors the gateway handled but a person should see (a limiter write that failed, a 500's cause). */
  onInternalError?: (error: unknown) => void;
  /** The clock (tests). */
  now?: () => number;
}

/** The default largest request body. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
