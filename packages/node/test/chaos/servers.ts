/**
 * Loopback HTTP servers for one chaos iteration (a Bedrock-like wire server, STS, IMDS, a container
 * endpoint). Each knows how many requests it is still answering, so the run can tell a request the
 * client abandoned without closing (still in flight after the call ended) from an idle keep-alive
 * connection (which it closes itself). Waits inside handlers end when the client goes away.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What a handler gets besides the request: the body, and a sleep that ends early when the client leaves. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  body: string;
  /** Resolves after `ms`, or at once when the response is closed (the client went away). */
  sleep(ms: number): Promise<void>;
  /** Whether the response is closed (finished or the client went away). */
  readonly closed: boolean;
}

export type ChaosHandler = (exchange: Exchange) => void | Promise<void>;

export interface ChaosServer {
  name: string;
  url: string;
  port: number;
  /** Requests received so far. */
  readonly requests: number;
  /** Requests whose response is neither finished nor closed by the client. */
  readonly inFlight: number;
  /** Raw request texts (method, path, headers, body), in order. */
  readonly received: string[];
  /** Stops listening and drops every connection (idle keep-alive ones included). */
  close(): Promise<void>;
}

/** `connect`: answers CONNECT requests (a proxy); without it they are refused. */
export async function startChaosServer(name: string, handler: ChaosHandler, connect?: (req: IncomingMessage, socket: Socket) => void): Promise<ChaosServer> {
  let requests = 0;
  let inFlight = 0;
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests++;
    inFlight++;
    let closed = false;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const wakers = new Set<() => void>();
    const end = () => {
      if (closed) return;
      closed = true;
      inFlight--;
      for (const t of timers) clearTimeout(t);
      for (const w of wakers) w();
    };
    res.once("finish", end);
    res.once("close", end);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", () => undefined);
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${body}`);
      const exchange: Exchange = {
        req,
        res,
        body,
        sleep: (ms) =>
          new Promise<void>((resolve) => {
            if (closed) return resolve();
            const wake = () => {
              clearTimeout(timer);
              timers.delete(timer);
              wakers.delete(wake);
              resolve();
            };
            const timer = setTimeout(wake, ms);
            timers.add(timer);
            wakers.add(wake);
          }),
        get closed() {
          return closed;
        },
      };
      Promise.resolve()
        .then(() => handler(exchange))
        .catch(() => res.destroy());
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  if (connect) server.on("connect", (req: IncomingMessage, socket: Socket) => (requests++, received.push(`CONNECT ${req.url}`), connect(req, socket)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    get inFlight() {
      return inFlight;
    },
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes `bytes` in random small pieces with short pauses (a slow, uneven network), then ends. */
export async function drip(x: Exchange, bytes: Uint8Array, random: () => number, maxPauseMs: number): Promise<void> {
  for (let at = 0; at < bytes.length && !x.closed; ) {
    const size = 1 + Math.floor(random() * Math.min(64, bytes.length - at));
    x.res.write(bytes.subarray(at, at + size));
    at += size;
    await x.sleep(Math.floor(random() * maxPauseMs));
  }
  if (!x.closed) x.res.end();
}

/** Writes chunks of `size` bytes of `fill` until `total` bytes are written or the client leaves (drains respected). */
export async function flood(x: Exchange, total: number, fill = 0x20, size = 64 * 1024): Promise<void> {
  const chunk = Buffer.alloc(size, fill);
  for (let sent = 0; sent < total && !x.closed; sent += size) {
    if (!x.res.write(chunk)) await drained(x.res);
  }
  if (!x.closed) x.res.end();
}

/** Resolves on the response's next `drain` or `close`, removing both listeners. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    if (res.destroyed) return resolve();
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
