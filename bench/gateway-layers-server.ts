/**
 * The servers of the gateway's layer-by-layer time to first token (bench/gateway-layers.ts), in
 * one process (compiled to dist/gateway-layers-server.js, run with plain node), each on its own
 * loopback port, each answering `POST /v1/chat/completions` with SSE:
 *   http-hello   node:http, reads the body, writes the headers and one chunk: the extra hop alone
 *   hono-hello   the same on Hono through @hono/node-server: the hop plus the framework
 *   http-direct  node:http, reads and parses the body, calls streambed, writes the first text as a
 *                chunk: the hop plus streambed, nothing of the gateway
 *   gateway      @streambed/gateway (serveGateway), one key, no limits
 * For the gateway it also times each request inside the process (ms from the request's arrival):
 * `call` (streambed's `stream()` called: auth, body, mapping, admission done), `first` (streambed's
 * first event), `token` (its first text), `answered` (the app's `fetch` resolved with the Response),
 * `write` (the first body byte handed to the socket), `textWrite` (the first with text). Prints `{"ports":{…}}`, then
 * answers one JSON line per stdin command: `marks` → the marks since the last `marks` (and, for
 * http-direct, ms from arrival to calling streambed).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { serve } from "@hono/node-server";
import { createGateway, type GatewayKey } from "@streambed/gateway";
import { serveGateway } from "@streambed/gateway/node";
import { Hono } from "hono";
import { createBedrock } from "streambed";
import { CREDENTIALS, REGION } from "./clients/types.js";

const [url, hash] = process.argv.slice(2) as [string, string];
const bedrock = createBedrock({ region: REGION, endpoint: url, credentials: CREDENTIALS, config: false, discoveryCache: "memory" });
const HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };
const chunk = (text: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })}\n\n`;

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

const httpHello = await listen((req, res) => {
  void readBody(req).then(() => {
    res.writeHead(200, HEADERS);
    res.write(chunk("hello"));
    res.end("data: [DONE]\n\n");
  });
});

const hono = new Hono();
hono.post("/v1/chat/completions", async (c) => {
  await c.req.text();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(chunk("hello")));
      controller.enqueue(new TextEncoder().encode("data: [DONE]\n\n"));
      controller.close();
    },
  });
  return new Response(body, { headers: { ...HEADERS, "transfer-encoding": "chunked" } });
});
const honoServer = serve({ fetch: hono.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => honoServer.once("listening", resolve));
const honoHello = (honoServer.address() as AddressInfo).port;

const directCalls: number[] = [];
const httpDirect = await listen((req, res) => {
  const t0 = performance.now();
  void (async () => {
    const body = JSON.parse(await readBody(req)) as { model: string; messages: Array<{ role: "user"; content: string }> };
    directCalls.push(performance.now() - t0);
    const controller = new AbortController();
    res.once("close", () => controller.abort());
    let started = false;
    for await (const ev of bedrock.stream({ model: body.model, messages: body.messages, signal: controller.signal })) {
      if (ev.type !== "text_delta") continue;
      if (!started) {
        started = true;
        res.writeHead(200, HEADERS);
      }
      res.write(chunk(ev.delta));
    }
    res.end("data: [DONE]\n\n");
  })();
});

// The gateway, timed inside: arrival (a request listener ahead of Hono's), streambed called and its
// first event (a wrapper around the client), the first body write (ServerResponse.write).
interface Marks { call: number; first: number; token: number; answered: number; head: number; write: number; textWrite: number }
let arrived = 0;
let current: Marks = { call: -1, first: -1, token: -1, answered: -1, head: -1, write: -1, textWrite: -1 };
const marks: Marks[] = [];
const timed: typeof bedrock = Object.create(bedrock) as typeof bedrock;
timed.stream = (request) => {
  const m = current;
  m.call = performance.now() - arrived;
  const events = bedrock.stream(request);
  return (async function* () {
    let first = true;
    for await (const ev of events) {
      if (first) (first = false), (m.first = performance.now() - arrived);
      if (m.token < 0 && ev.type === "text_delta") m.token = performance.now() - arrived;
      yield ev;
    }
  })();
};
const key: GatewayKey = { id: "key_00bench00", name: "bench", hash };
const app = createGateway({ bedrock: timed, keys: [key] });
const fetch = app.fetch;
app.fetch = (request, ...rest) => {
  const m = current;
  const answer = fetch(request, ...rest) as Promise<Response>;
  void answer.then(() => (m.answered = performance.now() - arrived));
  return answer;
};
const running = await serveGateway(app, { port: 0 });
running.server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
  arrived = performance.now();
  const m: Marks = { call: -1, first: -1, token: -1, answered: -1, head: -1, write: -1, textWrite: -1 };
  current = m;
  marks.push(m);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    m.head = performance.now() - arrived;
    return writeHead(...args);
  }) as typeof res.writeHead;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    if (m.write < 0) m.write = performance.now() - arrived;
    if (m.textWrite < 0 && Buffer.from(args[0] as Uint8Array).toString("utf8").includes('{"content":')) m.textWrite = performance.now() - arrived;
    return write(...args);
  }) as typeof res.write;
});

process.stdout.write(`${JSON.stringify({ ports: { "http-hello": httpHello, "hono-hello": honoHello, "http-direct": httpDirect, gateway: running.port } })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "marks") process.stdout.write(`${JSON.stringify({ gateway: marks.splice(0), directCalls: directCalls.splice(0) })}\n`);
}
await running.close();
honoServer.close();
await bedrock.close();
process.exit(0);
