/**
 * `@streambed/gateway`: an OpenAI-compatible gateway in front of Amazon Bedrock, on Hono.
 * Web-standard (Node through `@hono/node-server`, workerd, Deno, Bun); the Node server, Redis
 * limits and Prometheus metrics are on `@streambed/gateway/node`.
 */
export { createGateway, type GatewayApp } from "./create-gateway.js";
export { DEFAULT_MAX_BODY_BYTES, type GatewayOptions } from "./gateway-options.js";
export { GatewayError, type GatewayErrorOptions, type OpenAIErrorBody, type OpenAIErrorType } from "./errors/gateway-error.js";
export { gatewayErrorOf } from "./errors/gateway-error-of.js";
export { MAX_IMAGE_BYTES, type RemoteImageOptions } from "./chat/image-source.js";
export type { TokenCounts } from "./chat/usage.js";
export { KEY_PREFIX, generateKey, hashKey, type GatewayKey } from "./keys/gateway-key.js";
export { modelAllowed } from "./keys/model-allowed.js";
export { createMemoryLimiter } from "./limits/memory-limiter.js";
export type { LimitDecision, LimitedKey, RateLimiter } from "./limits/rate-limiter.js";
export { NO_METRICS, type AccessLogEntry, type GatewayMetrics } from "./metrics/gateway-metrics.js";
export type { GatewayEnv } from "./http/gateway-env.js";
export { parseGatewayConfig, type GatewayConfig } from "./config/gateway-config.js";
