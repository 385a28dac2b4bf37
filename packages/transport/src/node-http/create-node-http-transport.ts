import type { Agent as HttpAgent, ClientRequest, IncomingMessage, RequestOptions } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { AbortError } from "../errors/transport-errors.js";
import { contentDecoders, decodedBody } from "../node-body/decode-content-encoding.js";
import { flattenHeaders } from "../node-body/flatten-headers.js";
import { parseRequestUrl } from "../signing/parse-request-url.js";
import { abortWatchOf } from "../abort-watch-of.js";
import type { AbortWatch, HttpRequest, HttpResponse, Transport } from "../transport.js";
import { proxySettingsFromEnv } from "../undici/proxy-env.js";
import { readableBody, type ReadableBody } from "../node-body/readable-body.js";
import { headerList } from "./header-list.js";
import { mapNodeHttpError, NodeHttpTimeout } from "./map-node-http-error.js";

/** Options of {@link createNodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** TCP + TLS connect timeout. Default 10 000 ms (as the undici transport). */
  connectTimeoutMs?: number;
  /** How long an idle pooled connection is kept (a server `Keep-Alive: timeout` hint wins if shorter). Default 4 000 ms (as the undici transport). */
  keepAliveTimeoutMs?: number;
  /** Maximum connections per origin. Default unlimited. */
  connections?: number;
  /** Longest wait for the response headers after the request was sent. Default 300 000 ms (undici's). */
  headersTimeoutMs?: number;
  /** Longest wait between two chunks of the response body. Default 300 000 ms (undici's). */
  bodyTimeoutMs?: number;
  /**
   * Where `HTTPS_PROXY` / `HTTP_PROXY` (either case) are looked for. Default `process.env`. node:http
   * does not go through proxies, so with one set this transport refuses to be created rather than
   * silently going direct: use the undici transport (the default), which honours them.
   */
  env?: Record<string, string | undefined>;
  /** Use these agents instead of building them (the options above are then ignored, and `close()` leaves them open). */
  agents?: { http?: HttpAgent; https?: HttpsAgent };
}

// node:http and node:https are loaded when first needed (≈ 5–15 ms each in a new process), not when
// this module is imported: importing `streambed` must not pay for a transport nobody chose, and a
// client of an http:// endpoint (the emulator) never loads TLS.
const load = createRequire(import.meta.url);
let http: typeof import("node:http") | undefined;
let https: typeof import("node:https") | undefined;
const nodeHttp = () => (http ??= load("node:http") as typeof import("node:http"));
const nodeHttps = () => (https ??= load("node:https") as typeof import("node:https"));

/** The undici transport's limits, kept here: five minutes for the headers, and between two body chunks. */
/**
 * Destroy the request (and the response, if there is one) when `signal` aborts; the listener goes
 * when the request closes. What `http.request({ signal })` does, for about half the time to first
 * event: Node wires it through `addAbortSignal`, which also watches the request with
 * `stream.finished` (six more listeners per request).
 */
function abortOnSignal(request: ClientRequest, response: () => IncomingMessage | undefined, signal: AbortWatch): void {
  const onAbort = () => {
    signal.removeEventListener("abort", onAbort);
    const error = Object.assign(new Error("The operation was aborted", { cause: signal.reason }), { name: "AbortError", code: "ABORT_ERR" });
    response()?.destroy(error);
    request.destroy(error);
  };
  signal.addEventListener("abort", onAbort);
  request.once("close", () => signal.removeEventListener("abort", onAbort));
}

const DEFAULT_HEADERS_TIMEOUT_MS = 300_000;
const DEFAULT_BODY_TIMEOUT_MS = 300_000;

/** Starts the connect timer when `request` gets a socket that is still connecting. */
function limitConnect(request: ClientRequest, connectTimeoutMs: number, secure: boolean): void {
  request.once("socket", (socket: Socket) => {
    if (!socket.connecting) return; // a kept-alive socket
    const timer = setTimeout(() => request.destroy(new NodeHttpTimeout("connect", connectTimeoutMs)), connectTimeoutMs);
    const done = () => clearTimeout(timer);
    socket.once(secure ? "secureConnect" : "connect", done);
    socket.once("close", done);
  });
}

/**
 * A Node transport on `node:http` / `node:https`: keep-alive connection pool, streaming response
 * bodies, abort at any point. Its HTTP parser is native and loaded with Node itself, so a new
 * process starts streaming sooner than with undici (whose files and WebAssembly parser are loaded
 * and compiled on first use): the choice for cold-start-sensitive hosts (serverless functions).
 * Choose it with `createBedrock({ transport: createNodeHttpTransport() })`; undici stays the default.
 *
 * The same contract as the undici transport: a `content-encoding` of gzip, x-gzip, deflate or br is
 * decompressed as it streams (any other coding passes through); statuses are returned, not thrown;
 * failures become `NetworkError` (refused, reset, DNS, TLS), `TimeoutError` (connect, or the
 * header/body inactivity limits, 5 minutes each by default) or `AbortError` (the request's signal), from `send()` and
 * while iterating the body. No proxy support (see {@link NodeHttpTransportOptions.env}).
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport {
  if (options.agents === undefined && proxySettingsFromEnv(options.env ?? process.env) !== undefined) {
    throw new TypeError(
      "createNodeHttpTransport: HTTPS_PROXY / HTTP_PROXY is set, but node:http does not go through proxies. Use the default undici transport, which honours them, or pass env without the proxy variables to go direct.",
    );
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const agentOptions = {
    keepAlive: true,
    timeout: options.keepAliveTimeoutMs ?? 4_000,
    ...(options.connections === undefined ? {} : { maxSockets: options.connections }),
  };
  let httpAgent = options.agents?.http;
  let httpsAgent = options.agents?.https;
  const owned = { http: httpAgent === undefined, https: httpsAgent === undefined };
  let closed = false;

  return {
    send(request: HttpRequest): Promise<HttpResponse> {
      let origin = "the endpoint";
      // Send nothing for an already-aborted signal.
      const signal = abortWatchOf(request);
      if (signal?.aborted) return Promise.reject(new AbortError());
      return new Promise<HttpResponse>((resolve, reject) => {
        let outgoing: ClientRequest;
        let secure = false;
        try {
          if (closed) throw Object.assign(new Error("the transport was closed"), { code: "ERR_TRANSPORT_CLOSED" });
          const url = parseRequestUrl(request.url);
          origin = url.origin;
          secure = url.protocol === "https:";
          if (!secure && url.protocol !== "http:") throw Object.assign(new TypeError(`Protocol "${url.protocol}" not supported`), { code: "ERR_INVALID_PROTOCOL" });
          const agent = secure ? (httpsAgent ??= new (nodeHttps().Agent)(agentOptions)) : (httpAgent ??= new (nodeHttp().Agent)(agentOptions));
          let headers: Record<string, string> | string[] | undefined = headerList(request.headers, request.body);
          if (headers === undefined) {
            headers = { ...request.headers };
            if (request.body !== undefined && headers["content-length"] === undefined) headers["content-length"] = String(request.body.byteLength);
          }
          const requestOptions: RequestOptions = {
            agent,
            hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
            port: url.port, // undefined: the scheme's default (no spread: V8's slow path for the properties after it)
            method: request.method,
            path: url.pathname + url.search,
            headers,
            timeout: headersTimeoutMs,
          };
          outgoing = secure ? nodeHttps().request(requestOptions) : nodeHttp().request(requestOptions);
        } catch (error) {
          reject(mapNodeHttpError(error, origin, signal));
          return;
        }
        const mapError = (error: unknown) => mapNodeHttpError(error, origin, signal);
        let incoming: IncomingMessage | undefined;
        if (signal) abortOnSignal(outgoing, () => incoming, signal);
        limitConnect(outgoing, connectTimeoutMs, secure);
        // The socket's inactivity timer: before the headers it is the header limit, then the body's.
        outgoing.on("timeout", () => {
          const timeout = new NodeHttpTimeout(incoming ? "idle" : "first-byte", incoming ? bodyTimeoutMs : headersTimeoutMs);
          incoming?.destroy(timeout); // the body's reader gets the timeout, not the reset it causes
          outgoing.destroy(timeout);
        });
        outgoing.on("error", (error) => {
          if (!incoming) reject(mapError(error));
        });
        outgoing.on("response", (response: IncomingMessage) => {
          incoming = response;
          // The same limit for the body: the socket's timer, just restarted by the bytes of the
          // headers, already runs it (re-setting it is a few µs on the way to the first event).
          if (bodyTimeoutMs !== headersTimeoutMs) outgoing.setTimeout(bodyTimeoutMs);
          const headers = flattenHeaders(response.headers);
          // A compressed body is decompressed here, as fetch does on its own: one behaviour on every transport.
          const encoding = headers["content-encoding"];
          const decoders = contentDecoders(encoding, request.method, response.statusCode ?? 0);
          resolve({
            status: response.statusCode ?? 0,
            headers,
            body: decoders ? decodedBody(response, decoders, encoding!, origin, mapError) : readableBody(response as unknown as ReadableBody, mapError),
          });
        });
        outgoing.end(request.body === undefined ? undefined : request.body);
      });
    },
    async close(): Promise<void> {
      closed = true;
      if (owned.http) httpAgent?.destroy();
      if (owned.https) httpsAgent?.destroy();
      if (owned.http) httpAgent = undefined;
      if (owned.https) httpsAgent = undefined;
    },
  };
}
