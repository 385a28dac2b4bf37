/**
 * The replay server every client benchmark talks to: a node:http server on 127.0.0.1 that answers
 * `POST /model/<id>/converse-stream` with a pre-encoded ConverseStream body and writes it as fast
 * as the socket takes it. It does no per-request work beyond a cache lookup, so what the clients
 * are charged for is theirs. Run it in its own process (`node dist/replay-server.js`): it prints
 * `{"port":N}` on its first stdout line, and keeps serving until stdin closes.
 *
 * The number of text deltas is part of the model id: `bench-200000` → 200,000 `contentBlockDelta`
 * frames between `messageStart` and `contentBlockStop`, `messageStop`, `metadata`. Every frame
 * carries Bedrock's `p` padding field (1–10 characters), as the real service does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { crc32 } from "node:zlib";
import { encodeEventStreamMessage, type Crc32 } from "@streambed/transport";

const WORDS = ["the", "model", "streams", "tokens", "quickly", "and", "each", "delta", "is", "small", "bedrock", "frame"];
const PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const encoder = new TextEncoder();
const nodeCrc32 = crc32 as unknown as Crc32;

function frame(eventType: string, body: Record<string, unknown>, i: number): Uint8Array {
  const payload = JSON.stringify({ ...body, p: PAD.slice(0, 1 + (i % 10)) });
  return encodeEventStreamMessage(
    {
      headers: {
        ":event-type": { type: "string", value: eventType },
        ":content-type": { type: "string", value: "application/json" },
        ":message-type": { type: "string", value: "event" },
      },
      payload: encoder.encode(payload),
    },
    { crc32: nodeCrc32 },
  );
}

/** The text of delta `i` (1–5 words): what a client that concatenates the deltas should end up with. */
export function deltaText(i: number): string {
  let seed = (i + 1) * 2654435761;
  let text = "";
  const n = 1 + (i % 5);
  for (let k = 0; k < n; k++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    text += " " + WORDS[seed % WORDS.length];
  }
  return text;
}

/** A whole ConverseStream response body with `deltas` text deltas, as Bedrock frames it. */
export function converseStreamBody(deltas: number): Uint8Array {
  const frames: Uint8Array[] = [frame("messageStart", { role: "assistant" }, 0)];
  for (let i = 0; i < deltas; i++) frames.push(frame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: deltaText(i) } }, i));
  frames.push(frame("contentBlockStop", { contentBlockIndex: 0 }, 1));
  frames.push(frame("messageStop", { stopReason: "end_turn" }, 2));
  frames.push(
    frame("metadata", { usage: { inputTokens: 12, outputTokens: deltas, totalTokens: 12 + deltas }, metrics: { latencyMs: 42 } }, 3),
  );
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let offset = 0;
  for (const f of frames) {
    out.set(f, offset);
    offset += f.length;
  }
  return out;
}

/** Bytes written per `write()`: a socket's worth, so big bodies stream while small ones go in one write. */
const WRITE_SIZE = 64 * 1024;
const PATH = /^\/model\/([^/]+)\/converse-stream$/;

export interface ReplayServer {
  port: number;
  close(): Promise<void>;
}

/** Start the replay server on 127.0.0.1 (an ephemeral port unless `port` is given). */
export function startReplayServer(port = 0): Promise<ReplayServer> {
  const bodies = new Map<number, Uint8Array>();
  let requestId = 0;
  const server = createServer({ keepAliveTimeout: 60_000, highWaterMark: WRITE_SIZE }, (req: IncomingMessage, res: ServerResponse) => {
    // Drain the request body (its content is not used), then answer.
    req.resume();
    req.on("end", () => {
      const match = PATH.exec(req.url ?? "");
      const deltas = match ? Number(/(\d+)$/.exec(decodeURIComponent(match[1]!))?.[1] ?? NaN) : NaN;
      if (req.method !== "POST" || !Number.isInteger(deltas)) {
        res.writeHead(404, { "content-type": "application/json", "x-amzn-errortype": "ResourceNotFoundException" });
        res.end(`{"message":"replay server: POST /model/bench-<deltas>/converse-stream"}`);
        return;
      }
      let body = bodies.get(deltas);
      if (body === undefined) bodies.set(deltas, (body = converseStreamBody(deltas)));
      res.writeHead(200, {
        "content-type": "application/vnd.amazon.eventstream",
        "x-amzn-requestid": `bench-${++requestId}`,
      });
      write(res, body, 0);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Write `body` from `offset` in WRITE_SIZE slices, waiting for `drain` whenever the socket is full. */
function write(res: ServerResponse, body: Uint8Array, offset: number): void {
  while (offset < body.length) {
    const end = Math.min(offset + WRITE_SIZE, body.length);
    const ok = res.write(body.subarray(offset, end));
    offset = end;
    if (!ok && offset < body.length) {
      res.once("drain", () => write(res, body, offset));
      return;
    }
  }
  res.end();
}

// Entry point when run as its own process.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const server = await startReplayServer(Number(process.env.REPLAY_PORT ?? 0));
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
}
