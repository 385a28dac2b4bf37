import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { TokenCounts } from "../chat/usage.js";
import type { GatewayMetrics } from "../metrics/gateway-metrics.js";

/** Options of {@link createPrometheusMetrics}. */
export interface PrometheusMetricsOptions {
  /** The registry to register in (default: a new one, so two gateways in a process don't clash). */
  registry?: Registry;
  /** Also export Node's process metrics (CPU, memory, event loop lag). Default true. */
  processMetrics?: boolean;
}

/**
 * {@link GatewayMetrics} as Prometheus metrics (prom-client), served by `GET /metrics`:
 * `streambed_gateway_requests_total{route,status}`, `…_request_duration_seconds{route}`,
 * `…_errors_total{code}`, `…_tokens_total{key,model,kind}` (kind: input, output, cache_read,
 * cache_write), `…_cost_usd_total{key,model}`, `…_time_to_first_token_seconds{model}`,
 * `…_active_streams`.
 */
export function createPrometheusMetrics(options: PrometheusMetricsOptions = {}): GatewayMetrics & { registry: Registry } {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "streambed_gateway_" });
  const registers = [registry];
  const requests = new Counter({ name: "streambed_gateway_requests_total", help: "Requests answered, by route and HTTP status.", labelNames: ["route", "status"], registers });
  const duration = new Histogram({
    name: "streambed_gateway_request_duration_seconds",
    help: "Time from request to the last byte of the answer.",
    labelNames: ["route"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const errors = new Counter({ name: "streambed_gateway_errors_total", help: "Errors answered (also after a stream started), by OpenAI error code.", labelNames: ["code"], registers });
  const tokens = new Counter({ name: "streambed_gateway_tokens_total", help: "Tokens used, by key name, model and kind.", labelNames: ["key", "model", "kind"], registers });
  const cost = new Counter({ name: "streambed_gateway_cost_usd_total", help: "Cost in US dollars from the models' configured prices, by key name and model.", labelNames: ["key", "model"], registers });
  const ttft = new Histogram({
    name: "streambed_gateway_time_to_first_token_seconds",
    help: "Time from request to the first token of the answer, by model.",
    labelNames: ["model"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const active = new Gauge({ name: "streambed_gateway_active_streams", help: "Streamed answers being sent now.", registers });
  const add = (key: string, model: string, kind: string, n: number): void => {
    if (n > 0) tokens.inc({ key, model, kind }, n);
  };
  return {
    registry,
    request(route, status, seconds) {
      requests.inc({ route, status: String(status) });
      duration.observe({ route }, seconds);
    },
    error(code) {
      errors.inc({ code });
    },
    usage(key: string, model: string, counts: TokenCounts) {
      add(key, model, "input", counts.input);
      add(key, model, "output", counts.output);
      add(key, model, "cache_read", counts.cacheRead);
      add(key, model, "cache_write", counts.cacheWrite);
      if (counts.cost > 0) cost.inc({ key, model }, counts.cost);
    },
    timeToFirstToken(model, seconds) {
      ttft.observe({ model }, seconds);
    },
    activeStreams(delta) {
      active.inc(delta);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
