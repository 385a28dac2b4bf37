import type { TokenCounts } from "../chat/usage.js";

/**
 * What the gateway reports as it answers. `@streambed/gateway/node`'s `createPrometheusMetrics`
 * implements it with prom-client (and serves `GET /metrics`); give your own to feed another system.
 */
export interface GatewayMetrics {
  /** A request to `route` (`/v1/chat/completions` …) answered with `status`, after `seconds`. */
  request(route: string, status: number, seconds: number): void;
  /** An error answered, by its OpenAI `code` (`rate_limit_exceeded`, `upstream_timeout` …). */
  error(code: string): void;
  /** Tokens and cost of one finished call, by key name and model. */
  usage(key: string, model: string, counts: TokenCounts): void;
  /** Seconds from the request to its first token, by model. */
  timeToFirstToken(model: string, seconds: number): void;
  /** A streamed answer started (+1) or ended (-1). */
  activeStreams(delta: 1 | -1): void;
  /** The text `GET /metrics` answers; absent: no `/metrics` route. */
  render?(): Promise<{ contentType: string; body: string }>;
}

/** Metrics that record nothing (the default). */
export const NO_METRICS: GatewayMetrics = {
  request() {},
  error() {},
  usage() {},
  timeToFirstToken() {},
  activeStreams() {},
};

/** One line of the access log: never a prompt, an answer, a key or a header. */
export interface AccessLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  /** The key's name and id (never the key). */
  key?: string;
  keyId?: string;
  model?: string;
  stream?: boolean;
  /** Milliseconds to the first token (streams). */
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  /** US dollars, from the model's configured prices. */
  cost?: number;
  /** The OpenAI error code answered, when the request failed (also after a stream started). */
  error?: string;
}
