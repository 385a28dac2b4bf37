import { Hono, type Context } from "hono";
import { chatCompletionsRoute } from "./chat/chat-route.js";
import { GatewayError } from "./errors/gateway-error.js";
import { gatewayErrorOf } from "./errors/gateway-error-of.js";
import { DEFAULT_MAX_BODY_BYTES, type GatewayOptions } from "./gateway-options.js";
import { limitBody } from "./http/body-limit.js";
import { CallTracker } from "./http/call-tracker.js";
import type { GatewayDeps, GatewayEnv } from "./http/gateway-env.js";
import { LiveCalls } from "./http/live-calls.js";
import { authenticateNow } from "./keys/authenticate.js";
import type { GatewayKey } from "./keys/gateway-key.js";
import { createMemoryLimiter } from "./limits/memory-limiter.js";
import { NO_METRICS } from "./metrics/gateway-metrics.js";
import { getModelRoute, listModelsRoute } from "./models/models-route.js";
import { responsesRoute } from "./responses/responses-route.js";

/**
 * The gateway: a web-standard Hono app (`gateway.fetch(request)` on Node through
 * `@hono/node-server`, workerd, Deno, Bun) plus what a server needs to shut it down cleanly.
 */
export interface GatewayApp extends Hono<GatewayEnv> {
  /** Stop taking requests (503, `/healthz` 503) and resolve when every call in flight has ended. */
  drain(): Promise<void>;
  /** Abort every call still in flight: their streams end with an error event (`gateway_shutting_down`). */
  abortAll(): void;
  /** Calls to Bedrock in flight. */
  readonly activeCalls: number;
}

/** Metric labels: the routes, else "other" (so a scan of random paths cannot grow the series). */
const ROUTES = new Set(["/v1/chat/completions", "/v1/responses", "/v1/models"]);

function errorResponse(c: Context, error: GatewayError): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  return c.json(error.toBody(), error.status as 400, headers);
}

/**
 * An OpenAI-compatible gateway in front of Bedrock: `POST /v1/chat/completions`, `POST
 * /v1/responses`, `GET /v1/models` (bearer keys, per-key model allowlists and per-minute limits),
 * `GET /healthz` and, when the metrics can render, `GET /metrics`. Web-standard: no Node API.
 */
export function createGateway(options: GatewayOptions): GatewayApp {
  const given = options.keys;
  const keys: () => readonly GatewayKey[] = typeof given === "function" ? given : () => given;
  const onInternalError = options.onInternalError ?? (() => undefined);
  const metrics = options.metrics ?? NO_METRICS;
  const limiter = options.limiter ?? createMemoryLimiter(options.now ? { now: options.now } : {});
  const live = new LiveCalls();
  const deps: GatewayDeps = {
    bedrock: options.bedrock,
    keys,
    limiter,
    sinks: { metrics, limiter, log: options.log, now: options.now ?? Date.now, onInternalError },
    live,
    remoteImages: options.remoteImages || undefined,
  };
  const app = new Hono<GatewayEnv>();

  const handleError = (error: unknown, c: Context<GatewayEnv>): Response => {
    const mapped = gatewayErrorOf(error);
    if (mapped.status >= 500 && mapped.code === "internal_error") onInternalError(error);
    const call = c.get("call") as CallTracker | undefined;
    if (call) call.errorCode = mapped.code ?? mapped.type;
    return errorResponse(c, mapped);
  };
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, new GatewayError(404, "not_found_error", `No route ${c.req.method} ${c.req.path} on this gateway.`, { code: "unknown_url" })));

  app.get("/healthz", (c) => (live.draining ? c.json({ status: "draining" }, 503) : c.json({ status: "ok" })));
  if (metrics.render) {
    const render = metrics.render.bind(metrics);
    app.get("/metrics", async (c) => {
      const { contentType, body } = await render();
      return c.body(body, 200, { "content-type": contentType });
    });
  }

  app.use("/v1/*", async (c, next) => {
    const call = new CallTracker(deps.sinks, c.req.method, ROUTES.has(c.req.path) ? c.req.path : "other");
    c.set("call", call);
    try {
      if (live.draining) {
        throw new GatewayError(503, "server_error", "The gateway is shutting down; send the request to another replica.", { code: "gateway_shutting_down", retryAfterSeconds: 1 });
      }
      const found = authenticateNow(c.req.header("authorization"), deps.keys());
      const key = found instanceof Promise ? await found : found;
      c.set("key", key);
      call.key = key;
      await next();
    } catch (error) {
      c.res = handleError(error, c);
    }
    if (!call.streaming) call.finish(c.res.status);
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  app.use(
    "/v1/*",
    limitBody(maxBodyBytes, () => {
      throw new GatewayError(413, "invalid_request_error", `The request body is larger than ${maxBodyBytes} bytes, the most this gateway takes.`, { code: "request_too_large" });
    }),
  );
  app.post("/v1/chat/completions", (c) => chatCompletionsRoute(c, deps));
  app.post("/v1/responses", (c) => responsesRoute(c, deps));
  app.get("/v1/models", (c) => listModelsRoute(c, deps));
  app.get("/v1/models/:id{.+}", (c) => getModelRoute(c, deps));

  return Object.defineProperties(app, {
    drain: {
      value: () => {
        live.draining = true;
        return live.idle();
      },
    },
    abortAll: { value: () => live.abortAll() },
    activeCalls: { get: () => live.size },
  }) as GatewayApp;
}
