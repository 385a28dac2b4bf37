import { ServerResponse, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type Http2Bindings, type HttpBindings } from "@hono/node-server";
import type { GatewayApp } from "../create-gateway.js";

/** Options of {@link serveGateway}. */
export interface ServeGatewayOptions {
  /** Port (default 8080; 0 = any free port). */
  port?: number;
  /** Address to listen on (default 127.0.0.1: loopback only; `0.0.0.0` behind a load balancer). */
  host?: string;
  /** How long `close()` lets streams in flight finish before ending them (default 30,000 ms). */
  drainTimeoutMs?: number;
}

/** A gateway listening on Node's HTTP server. */
export interface RunningGateway {
  /** `http://host:port`. */
  url: string;
  port: number;
  /** The node:http server (for its timeouts, `closeIdleConnections()` …). */
  server: Server;
  /**
   * Shuts down: stops accepting connections, answers new requests on open connections with 503,
   * waits up to `drainTimeoutMs` for the streams in flight, then ends the rest with an error event
   * (`gateway_shutting_down`) and closes every connection.
   */
  close(): Promise<void>;
}

function delay(ms: number): { promise: Promise<void>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Sends a streamed answer at once, headers and first piece in one packet:
 * - marks it `transfer-encoding: chunked`. Without it, @hono/node-server first tries to read the
 *   whole body to give it a content-length, and when the second piece is not there yet waits a
 *   timer turn (≥ 1 ms) before sending the headers and the first event.
 * - corks the socket until the current batch of promise jobs has run: @hono/node-server writes
 *   the headers (`flushHeaders`) and then the first piece (already queued) as two writes, two
 *   trips through the loopback or network stack (≈ 0.3 ms on a busy machine); corked, they leave
 *   as one.
 * Only the headers are read: reading `body` (or anything but headers and status) of
 * @hono/node-server's lightweight Response builds a full undici Response and takes the slower way
 * out. An SSE answer always has a body.
 */
async function sendAtOnce(answer: Response | Promise<Response>, outgoing: ServerResponse | undefined): Promise<Response> {
  const response = await answer;
  const headers = response.headers;
  if (headers.get("content-type")?.startsWith("text/event-stream")) {
    headers.set("transfer-encoding", "chunked");
    const socket = outgoing?.socket;
    if (socket && !socket.destroyed) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
  }
  return response;
}

/** Serves `gateway` with `@hono/node-server` on `host:port`. */
export function serveGateway(gateway: GatewayApp, options: ServeGatewayOptions = {}): Promise<RunningGateway> {
  const host = options.host ?? "127.0.0.1";
  const drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (request: Request, env: HttpBindings | Http2Bindings) => sendAtOnce(gateway.fetch(request), env.outgoing instanceof ServerResponse ? env.outgoing : undefined), port: options.port ?? 8080, hostname: host }) as Server;
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      const close = async (): Promise<void> => {
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        const wait = delay(drainTimeoutMs);
        await Promise.race([gateway.drain(), wait.promise]);
        wait.cancel();
        if (gateway.activeCalls > 0) {
          gateway.abortAll();
          const grace = delay(1000);
          await Promise.race([gateway.drain(), grace.promise]);
          grace.cancel();
        }
        // Every body has ended: idle keep-alive connections close now, busy ones get a moment to flush.
        server.closeIdleConnections();
        const flush = delay(1000);
        await Promise.race([closed, flush.promise]);
        flush.cancel();
        server.closeAllConnections();
        await closed;
      };
      resolve({
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
        port,
        server,
        close: () => (closing ??= close()),
      });
    });
  });
}
