import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { eventFrame } from "./bedrock-frames.js";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/** A node:http server on 127.0.0.1:0 whose handler each test sets, recording every connection. */
export interface Loopback {
  url: string;
  /** Every TCP connection accepted, in order. */
  connections: Socket[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLoopback(): Promise<Loopback> {
  let handler: Handler = (_req, res) => {
    res.writeHead(404);
    res.end();
  };
  const server = http.createServer((req, res) => void handler(req, res));
  const connections: Socket[] = [];
  server.on("connection", (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves when the socket has closed (at once if it already has). */
export function closed(socket: Socket): Promise<void> {
  return socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once("close", () => resolve()));
}

/** A promise plus its resolve function. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The whole request body. */
export async function requestBody(req: http.IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Serve the next request with one messageStart frame and never end it. Resolves (once the request
 * arrived) to a promise of the server-side socket closing.
 */
export function streamOneFrameAndHold(server: Loopback): Promise<{ gone: Promise<void> }> {
  const arrived = deferred<{ gone: Promise<void> }>();
  server.handle(async (req, res) => {
    await requestBody(req);
    arrived.resolve({ gone: closed(req.socket) });
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
    res.write(eventFrame("messageStart", { role: "assistant" }));
  });
  return arrived.promise;
}
