/**
 * `@streambed/gateway/node`: what a gateway needs on Node — the HTTP server with a graceful
 * shutdown, limits shared through Redis, Prometheus metrics.
 */
export { serveGateway, type RunningGateway, type ServeGatewayOptions } from "./node/serve-gateway.js";
export { createRedisLimiter, type RedisLimiterOptions } from "./node/redis-limiter.js";
export { createPrometheusMetrics, type PrometheusMetricsOptions } from "./node/prometheus-metrics.js";
