import type { Agent as AgentType, Dispatcher } from "undici";
import { AbortError } from "../errors/transport-errors.js";
import { parseRequestUrl } from "../signing/parse-request-url.js";
import { abortWatchOf } from "../abort-watch-of.js";
import type { HttpRequest, HttpResponse, Transport } from "../transport.js";
import { contentDecoders, decodedBody } from "../node-body/decode-content-encoding.js";
import { flattenHeaders } from "../node-body/flatten-headers.js";
import { mapUndiciError, type UndiciTimeouts } from "./map-undici-error.js";
import { proxySettingsFromEnv } from "./proxy-env.js";
import { readableBody, type ReadableBody } from "../node-body/readable-body.js";
import { loadEnvHttpProxyAgent, request as undiciRequest, undiciAgent } from "./undici-parts.js";

/** Options of {@link createUndiciTransport}. */
export interface UndiciTransportOptions {
  /** TCP + TLS connect timeout. Default 10 000 ms (undici's). */
  connectTimeoutMs?: number;
  /** How long an idle pooled connection is kept (a server `Keep-Alive: timeout` hint wins if shorter). Default 4 000 ms (undici's). */
  keepAliveTimeoutMs?: number;
  /** Maximum connections per origin. Default unlimited. */
  connections?: number;
  /**
   * Where `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (either case) are read. Default `process.env`.
   * With a proxy set, requests go through undici's `EnvHttpProxyAgent` (CONNECT tunnel; an https
   * URL without `HTTPS_PROXY` uses `HTTP_PROXY`); hosts in `NO_PROXY` go direct.
   */
  env?: Record<string, string | undefined>;
  /** Use this dispatcher instead of building one (the options above are then ignored, and `close()` leaves it open). */
  dispatcher?: Dispatcher;
}

/** undici's defaults, which we keep for headers and body: five minutes each. */
const HEADERS_TIMEOUT_MS = 300_000;
const BODY_TIMEOUT_MS = 300_000;

/**
 * The dispatcher the options ask for: an `Agent`, or with a proxy variable set a promise of an
 * `EnvHttpProxyAgent` (its file is only loaded then).
 */
function buildDispatcher(options: UndiciTransportOptions): Dispatcher | Promise<Dispatcher> {
  const agentOptions: AgentType.Options = {
    headersTimeout: HEADERS_TIMEOUT_MS,
    bodyTimeout: BODY_TIMEOUT_MS,
    ...(options.connectTimeoutMs === undefined ? {} : { connect: { timeout: options.connectTimeoutMs } }),
    ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeoutMs }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  };
  const proxy = proxySettingsFromEnv(options.env ?? process.env);
  if (proxy === undefined) return new (undiciAgent())(agentOptions);
  return loadEnvHttpProxyAgent().then((EnvHttpProxyAgent) => new EnvHttpProxyAgent({ ...agentOptions, ...proxy }));
}

/**
 * A Node transport on undici: keep-alive connection pool, streaming response bodies (the first
 * frame reaches the decoder while the server is still writing), abort at any point, proxy
 * environment variables honoured.
 *
 * A `content-encoding` of gzip, x-gzip, deflate or br (sent by a proxy: streambed asks for none) is
 * decompressed as it streams, like fetch does; any other coding passes through as is, as in fetch.
 *
 * Response statuses are returned, not thrown. Failures become `NetworkError` (refused, reset, DNS,
 * TLS, proxy), `TimeoutError` (connect, or undici's 5-minute header/body inactivity limits) or
 * `AbortError` (the request's signal), both from `send()` and while iterating the body.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): Transport {
  const owned = options.dispatcher === undefined;
  const built = options.dispatcher ?? buildDispatcher(options);
  // A proxy agent's file loads in the background; `ready` is the dispatcher once there is one.
  let ready: Dispatcher | undefined = built instanceof Promise ? undefined : built;
  const pending = built instanceof Promise ? built.then((d) => (ready = d)) : undefined;
  pending?.catch(() => undefined); // a load failure surfaces on send(), not as an unhandled rejection
  const timeouts: UndiciTimeouts = {
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: BODY_TIMEOUT_MS,
  };

  return {
    async send(request: HttpRequest): Promise<HttpResponse> {
      let origin = "the endpoint";
      let response: Dispatcher.ResponseData;
      // undici opens a connection even for an already-aborted signal: send nothing instead.
      const signal = abortWatchOf(request);
      if (signal?.aborted) throw new AbortError();
      try {
        const url = parseRequestUrl(request.url);
        origin = url.origin;
        response = await undiciRequest(ready ?? (await pending!), {
          origin,
          path: url.pathname + url.search,
          method: request.method,
          headers: request.headers,
          body: request.body === undefined ? null : request.body,
          // undici takes any object with the `AbortSignal` methods it uses (an AbortWatch).
          signal: signal as AbortSignal | undefined,
        });
      } catch (error) {
        throw mapUndiciError(error, origin, signal, timeouts);
      }
      const headers = flattenHeaders(response.headers);
      const mapError = (error: unknown) => mapUndiciError(error, origin, signal, timeouts);
      // A compressed body is decompressed here, as fetch does on its own: one behaviour on both transports.
      const encoding = headers["content-encoding"];
      const decoders = contentDecoders(encoding, request.method, response.statusCode);
      return {
        status: response.statusCode,
        headers,
        body: decoders ? decodedBody(response.body, decoders, encoding!, origin, mapError) : readableBody(response.body as unknown as ReadableBody, mapError),
      };
    },
    async close(): Promise<void> {
      if (!owned) return;
      if (ready === undefined && pending !== undefined) await pending.catch(() => undefined);
      await ready?.close();
    },
  };
}
