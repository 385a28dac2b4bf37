/**
 * A loopback wire server's faults, bytes the emulator does not send: a body cut at a random byte, a
 * flipped bit, a slow drip, a stall, an oversized body, a huge frame length, gzip/deflate/br good and
 * broken, an empty body, gateway statuses with HTML, Retry-After, a reply echoing the request's
 * headers in every encoding.
 */
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { encodeEventStreamMessage } from "@streambed/core";
import type { BedrockOptions } from "../../src/create-bedrock.js";
import { echoRequestHeaders, ECHO_MODES } from "../faults/echo-server.js";
import { eventFrame } from "../faults/harness.js";
import { acceptedAuth, between, chaosModel, noSources, pick, retried, type Api, type CallFault, type FaultContext } from "./call-fault.js";
import { drip, flood, startChaosServer, type Exchange } from "./servers.js";


/** A whole ConverseStream body saying `text` (a few deltas). */
export function streamBody(text: string): Buffer {
  const words = text.split(" ");
  return Buffer.concat([
    eventFrame("messageStart", { role: "assistant" }),
    ...words.map((w, i) => eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: i === 0 ? w : ` ${w}` } })),
    eventFrame("contentBlockStop", { contentBlockIndex: 0 }),
    eventFrame("messageStop", { stopReason: "end_turn" }),
    eventFrame("metadata", { usage: { inputTokens: 3, outputTokens: words.length, totalTokens: 3 + words.length }, metrics: { latencyMs: 1 } }),
  ]);
}

export function converseReply(text: string): string {
  return JSON.stringify({
    output: { message: { role: "assistant", content: [{ text }] } },
    stopReason: "end_turn",
    usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    metrics: { latencyMs: 1 },
  });
}

const isStream = (x: Exchange) => (x.req.url ?? "").includes("/converse-stream");
const EVENTSTREAM = "application/vnd.amazon.eventstream";
const TEXT = "chaos on the wire with a few words in it";

/** A fault answered by a fresh loopback server; `handle` answers every request (runtime and control plane). */
function wireFault(
  name: string,
  category: CallFault["category"],
  make: (ctx: FaultContext) => {
    handle: (x: Exchange) => void | Promise<void>;
    expect: string[];
    expectComplete?: string[];
    options?: Partial<BedrockOptions>;
    boundMs?: number;
    apis?: readonly Api[];
  },
  apis?: readonly Api[],
): CallFault {
  return {
    name,
    category,
    ...(apis ? { apis } : {}),
    async setup(ctx) {
      const f = make(ctx);
      const server = await startChaosServer(name, f.handle);
      return {
        endpoint: server.url,
        model: chaosModel(),
        options: { ...acceptedAuth(ctx), ...f.options },
        expect: f.expect,
        ...(f.expectComplete ? { expectComplete: f.expectComplete } : {}),
        boundMs: f.boundMs ?? retried(ctx, 2_000),
        servers: [server],
      };
    },
  };
}

/** Answer a Converse call with a valid reply, a ConverseStream call with `bytes`. */
function answer(x: Exchange, bytes: Uint8Array, headers: Record<string, string> = {}): void {
  if (isStream(x)) x.res.writeHead(200, { "content-type": EVENTSTREAM, ...headers }).end(bytes);
  else x.res.writeHead(200, { "content-type": "application/json", ...headers }).end(converseReply(TEXT));
}

/** A prelude announcing a 2 GiB message, with a valid prelude CRC. */
function hugePrelude(): Uint8Array {
  const frame = encodeEventStreamMessage({ headers: { ":message-type": { type: "string", value: "event" } }, payload: new Uint8Array(0) });
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint32(0, 0x7fff_fff0);
  let crc = 0xffffffff;
  for (let i = 0; i < 8; i++) {
    crc ^= frame[i]!;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  view.setUint32(8, (crc ^ 0xffffffff) >>> 0);
  return frame.subarray(0, 12);
}

const CODINGS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

export const wireFaults: CallFault[] = [
  {
    // Node 20's fetch reads no proxy variables (a fetch user binds a proxy dispatcher); undici's transport does.
    name: "HTTP(S)_PROXY refusing the tunnel (password in its URL)",
    category: "wire",
    async setup(ctx) {
      const refusal = pick(ctx.random, ["407 Proxy Authentication Required", "403 Forbidden", "502 Bad Gateway"]);
      const proxy = await startChaosServer(
        "proxy",
        (x) => void x.res.writeHead(407, { "proxy-authenticate": "Basic" }).end(),
        (_req, socket) => void socket.end(`HTTP/1.1 ${refusal}\r\nContent-Length: 0\r\n\r\n`),
      );
      const url = proxy.url.replace("http://", `http://chaos:${ctx.secrets.proxyPassword}@`);
      const auth = acceptedAuth(ctx);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { ...auth, env: { ...noSources(ctx), ...auth.env, HTTPS_PROXY: url, HTTP_PROXY: url } },
        expect: ctx.transport === "undici" ? ["NetworkError"] : ["done"],
        boundMs: retried(ctx, 2_000),
        servers: [proxy],
      };
    },
  },
  wireFault("wire body cut at a random byte", "wire", (ctx) => {
    const body = streamBody(TEXT);
    const at = between(ctx.random, 0, body.length - 1);
    const reset = ctx.random() < 0.5;
    return {
      handle: (x) => {
        if (!isStream(x)) return answer(x, body);
        x.res.writeHead(200, { "content-type": EVENTSTREAM });
        x.res.write(body.subarray(0, at), () => (reset ? x.req.socket.resetAndDestroy() : x.res.end()));
      },
      expect: ["EventStreamDecodeError", "NetworkError"],
      // Converse gets a whole reply: these rows are about event-stream bytes.
      expectComplete: ["complete"],
    };
  }),
  wireFault("wire one bit flipped", "wire", (ctx) => {
    const body = Buffer.from(streamBody(TEXT));
    const at = between(ctx.random, 0, body.length - 1);
    body[at]! ^= 1 << between(ctx.random, 0, 7);
    return { handle: (x) => answer(x, body), expect: ["EventStreamDecodeError"], expectComplete: ["complete"] };
  }),
  wireFault("wire stall mid-body", "wire", (ctx) => {
    const body = streamBody(TEXT);
    const at = between(ctx.random, 1, body.length - 1);
    const idleMs = between(ctx.random, 100, 400);
    return {
      handle: async (x) => {
        if (!isStream(x)) {
          // Converse and the control plane: the headers and part of the JSON, then nothing.
          x.res.writeHead(200, { "content-type": "application/json" });
          x.res.write(converseReply(TEXT).slice(0, 25));
          await x.sleep(30_000);
          return void (x.closed || x.res.end());
        }
        x.res.writeHead(200, { "content-type": EVENTSTREAM });
        x.res.write(body.subarray(0, at));
        await x.sleep(30_000);
        if (!x.closed) x.res.end(body.subarray(at));
      },
      expect: ["TimeoutError"],
      options: { timeouts: { idleMs, firstByteMs: idleMs * 2 } },
      boundMs: retried(ctx, idleMs * 2 + 2_000),
    };
  }),
  wireFault("wire slow drip", "wire", (ctx) => {
    const body = streamBody(TEXT);
    const random = ctx.random;
    const pauseMs = between(ctx.random, 1, 15);
    return {
      handle: async (x) => {
        if (!isStream(x)) return answer(x, body);
        x.res.writeHead(200, { "content-type": EVENTSTREAM });
        await drip(x, body, random, pauseMs);
      },
      expect: ["done"],
      boundMs: 2_000 + (body.length / 1) * pauseMs,
    };
  }),
  wireFault("wire huge frame length", "wire", () => ({
    handle: (x) => {
      if (!isStream(x)) return answer(x, streamBody(TEXT));
      x.res.writeHead(200, { "content-type": EVENTSTREAM });
      x.res.write(eventFrame("messageStart", { role: "assistant" }));
      x.res.write(eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "hi" } }));
      x.res.end(hugePrelude());
    },
    expect: ["EventStreamDecodeError"],
    expectComplete: ["complete"],
  })),
  wireFault(
    "wire oversized Converse reply",
    "wire",
    (ctx) => {
      const limit = pick(ctx.random, [64 * 1024, 256 * 1024, 1024 * 1024]);
      return {
        handle: (x) => {
          x.res.writeHead(200, { "content-type": "application/json" });
          return flood(x, limit * 2 + between(ctx.random, 0, 4096));
        },
        expect: [],
        expectComplete: ["ResponseTooLargeError"],
        options: { maxResponseBytes: limit },
      };
    },
    ["complete"],
  ),
  ...(["gzip", "deflate", "br"] as const).map((coding) =>
    wireFault(`wire content-encoding ${coding}`, "wire", () => ({
      handle: (x) => {
        const raw = isStream(x) ? streamBody(TEXT) : Buffer.from(converseReply(TEXT));
        x.res.writeHead(200, { "content-type": isStream(x) ? EVENTSTREAM : "application/json", "content-encoding": coding }).end(CODINGS[coding](raw));
      },
      expect: ["done"],
    })),
  ),
  wireFault("wire gzip broken or cut", "wire", (ctx) => {
    const broken = ctx.random() < 0.5;
    const at = ctx.random();
    const zipped = { stream: Buffer.from(gzipSync(streamBody(TEXT))), converse: Buffer.from(gzipSync(converseReply(TEXT))) };
    // Broken: a damaged byte in the compressed data; cut: the compressed body ends early. Decoding is
    // lenient about the end of a gzip stream (as fetch's): a cut in its last bytes (the trailer, the
    // final block's end) can leave every event whole, and then the stream is done.
    const cutAt = (z: Buffer) => 10 + Math.floor(at * (z.length - 10));
    const maybeWhole = (z: Buffer) => (!broken && cutAt(z) >= z.length - 16 ? ["done"] : []);
    return {
      handle: (x) => {
        const z = Buffer.from(isStream(x) ? zipped.stream : zipped.converse);
        if (broken) z[10 + Math.floor(at * (z.length - 20))]! ^= 0xff;
        x.res.writeHead(200, { "content-type": isStream(x) ? EVENTSTREAM : "application/json", "content-encoding": "gzip" }).end(broken ? z : z.subarray(0, cutAt(z)));
      },
      expect: ["NetworkError", "EventStreamDecodeError", ...maybeWhole(zipped.stream)],
      expectComplete: ["NetworkError", "InvalidResponseError", "EventStreamDecodeError", ...maybeWhole(zipped.converse).map(() => "complete")],
    };
  }),
  wireFault("wire empty 200 body", "wire", () => ({
    handle: (x) => void x.res.writeHead(200, { "content-type": isStream(x) ? EVENTSTREAM : "application/json" }).end(),
    expect: ["EventStreamDecodeError"],
    expectComplete: ["InvalidResponseError"],
  })),
  wireFault("wire closed before headers", "wire", () => ({
    handle: (x) => void x.req.socket.destroy(),
    expect: ["NetworkError"],
  })),
  ...(
    [
      [502, "ServiceUnavailableError"],
      [503, "ServiceUnavailableError"],
      [504, "ServiceUnavailableError"],
      [500, "InternalServerError"],
      [429, "ThrottlingError"],
      [403, "AccessDeniedError"],
      [400, "ValidationError"],
      [404, "ResourceNotFoundError"],
    ] as const
  ).map(([status, error]) =>
    wireFault(`gateway ${status} (HTML, no error type)`, "http", () => ({
      handle: (x) => void x.res.writeHead(status, { "content-type": "text/html" }).end(`<html><head><title>${status}</title></head><body>gateway says ${status}</body></html>`),
      expect: [error],
    })),
  ),
  wireFault("429 with a long Retry-After", "http", (ctx) => ({
    handle: (x) =>
      void x.res
        .writeHead(429, { "content-type": "application/json", "x-amzn-errortype": "ThrottlingException", "retry-after": String(between(ctx.random, 1, 3600)) })
        .end(JSON.stringify({ message: "Too many requests, please wait before trying again." })),
    expect: ["ThrottlingError"],
  })),
  wireFault("200 not an event stream", "wire", () => ({
    handle: (x) => void x.res.writeHead(200, { "content-type": "text/html" }).end("<html><body>captive portal</body></html>"),
    // A stream reply of another content type is said as such (UnexpectedContentTypeError), not decoded.
    expect: ["UnexpectedContentTypeError"],
    expectComplete: ["InvalidResponseError"],
  })),
  wireFault("server echoing the request's headers", "http", (ctx) => {
    const mode = pick(ctx.random, [...ECHO_MODES, "html"] as const);
    return {
      handle: (x) =>
        mode === "html"
          ? void x.res.writeHead(502, { "content-type": "text/html" }).end(`<html><body><h1>502 Bad Gateway</h1><pre>${JSON.stringify(x.req.headers)}</pre></body></html>`)
          : echoRequestHeaders(x.req, x.res, mode, ctx.secrets.keys.static.secretAccessKey),
      expect: ["ValidationError", "ServiceUnavailableError", "InvalidResponseError", "EventStreamDecodeError", "UnknownServiceError"],
      expectComplete: ["ValidationError", "ServiceUnavailableError", "InvalidResponseError"],
    };
  }),
];
