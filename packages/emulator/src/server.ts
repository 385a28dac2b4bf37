import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from "node:http";
import { constants as h2constants, createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { getResponse } from "msw";
import { unknownOperationResponse } from "./http/aws-error.js";
import { newRequestId } from "./http/request-id.js";
import { createBedrockHandlers } from "./handlers.js";
import type { EmulatorOptions, RecordedRequest } from "./options.js";

/** Options of {@link startEmulator}. */
export interface StartEmulatorOptions extends EmulatorOptions {
  /** Port to listen on. Default 0: any free port. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1` (never a public interface unless you ask). */
  host?: string;
}

/** A running loopback emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`: use it as both the bedrock and bedrock-runtime endpoint. */
  url: string;
  port: number;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
  /** Every request seen, in arrival order (secrets redacted). */
  requests: RecordedRequest[];
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);

function readAll(req: IncomingMessage | Http2ServerRequest): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

function toFetchRequest(req: IncomingMessage | Http2ServerRequest, body: Uint8Array<ArrayBuffer>, base: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !name.startsWith(":")) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const authority = (req.headers[":authority"] as string | undefined) ?? req.headers.host ?? base;
  const url = new URL(req.url ?? "/", `http://${authority}`);
  const method = req.method ?? "GET";
  return new Request(url, { method, headers, signal, ...(method === "GET" || method === "HEAD" ? {} : { body }) });
}

type AnyResponse = ServerResponse | Http2ServerResponse;

/** Wait for `drain` (or `close`), removing both listeners afterwards. */
function drainOrClose(res: AnyResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

async function writeResponse(response: Response, res: AnyResponse, reset: () => void): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  if ("flushHeaders" in res && typeof res.flushHeaders === "function") res.flushHeaders();
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  const onClose = () => void reader.cancel().catch(() => {});
  res.once("close", onClose);
  let flushed: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let ok = true;
      flushed = new Promise<void>((resolve) => {
        ok = (res as ServerResponse).write(value, () => resolve());
      });
      if (!ok) await drainOrClose(res);
      if (res.destroyed) return;
    }
    res.end();
  } catch {
    // The body failed (the reset-mid fault): let the frames already written reach the client, then reset.
    await flushed;
    reset();
  } finally {
    res.off("close", onClose);
  }
}

/**
 * Serve {@link createBedrockHandlers} on a loopback HTTP/1.1 + h2c server: each request becomes a
 * Fetch `Request`, runs through msw's `getResponse` with the same handlers, and the `Response`
 * body is written to the socket frame by frame as it is produced. A `Response.error()` (the
 * `reset` faults) destroys the socket. Unknown routes get AWS's 404 `UnknownOperationException` (Coral's body).
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const requests: RecordedRequest[] = [];
  const handlers = createBedrockHandlers({
    ...options,
    onRequest: (r) => {
      requests.push(r);
      options.onRequest?.(r);
    },
  });
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  let port = 0;
  const serve = (req: IncomingMessage | Http2ServerRequest, res: AnyResponse) => {
    const reset =
      "stream" in res
        ? () => res.stream.close(h2constants.NGHTTP2_INTERNAL_ERROR)
        : () => (req as IncomingMessage).socket.resetAndDestroy();
    const abort = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) abort.abort(new Error("client closed the connection"));
    });
    void (async () => {
      const body = await readAll(req);
      const request = toFetchRequest(req, body, `${host}:${port}`, abort.signal);
      let response = await getResponse(handlers, request);
      if (!response) {
        const requestId = newRequestId();
        response = unknownOperationResponse(requestId);
        const entry: RecordedRequest = {
          method: request.method,
          url: request.url,
          operation: "unknown",
          headers: {},
          body: new TextDecoder().decode(body),
          status: 404,
          auth: { scheme: "none", verified: false },
          receivedAt: new Date(),
          ms: 0,
        };
        requests.push(entry);
        options.onRequest?.(entry);
      }
      if (response.type === "error") return reset();
      await writeResponse(response, res, reset);
    })().catch(reset);
  };
  // One port, both protocols: HTTP/1.1, and HTTP/2 with prior knowledge (h2c), which the AWS SDK
  // for JavaScript uses for bedrock-runtime. The first bytes of a connection pick the server.
  const http1 = createHttp1Server(serve);
  const http2 = createHttp2Server(serve);
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.setNoDelay(true);
    socket.once("data", (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first.subarray(0, 3).toString("latin1") === "PRI" ? http2 : http1).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
