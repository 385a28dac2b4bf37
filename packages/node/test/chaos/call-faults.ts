/**
 * The chaos catalogue of faults a call can meet, drawn from docs/faults.md: the emulator's own
 * faults (HTTP errors, exception frames, CRCs, stalls, resets, slow tokens), a loopback wire
 * server's (a body cut at a random byte, a flipped bit, a slow drip, a stall, an oversized body, a
 * huge frame length, gzip/deflate/br good and broken, an empty body, gateway statuses with HTML,
 * Retry-After, a reply echoing the request's headers in every encoding) and the credential
 * sources' (STS, IMDS, container endpoint, credential_process, env: stalls, floods, expired
 * credentials, errors echoing what they were sent). Each fault sets up what it needs for one
 * iteration and says which outcomes are allowed.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { encodeEventStreamMessage, type Model } from "@streambed/core";
import type { BedrockOptions } from "../../src/create-bedrock.js";
import { echoRequestHeaders, ECHO_MODES } from "../faults/echo-server.js";
import { eventFrame, FAULT_HEADER, MODEL_ID } from "../faults/harness.js";
import type { ChaosSecrets } from "./secrets.js";
import { drip, flood, startChaosServer, type ChaosServer, type Exchange } from "./servers.js";

export type Api = "stream" | "complete";

/** What one iteration's fault needs, set up. */
export interface CallPlan {
  /** The runtime (and control plane) endpoint. */
  endpoint: string;
  model: Model;
  /** Client options the fault needs (credentials, env, timeouts, maxResponseBytes …). */
  options: Partial<BedrockOptions>;
  /** Allowed outcomes of `stream()`: `done` or error class names. */
  expect: readonly string[];
  /** Allowed outcomes of `complete()` (`complete` for success); default: `expect` with `done` → `complete`. */
  expectComplete?: readonly string[];
  /** How long the call may take when no totalMs is set (before the run's slack). */
  boundMs: number;
  /** A source only a deadline or an abort ends (a silent STS, a sleeping credential_process): the run always gives it one. */
  needsDeadline?: boolean;
  /** Servers to check (nothing in flight after the call) and close. */
  servers: ChaosServer[];
  /** Processes the fault started (each must be gone after the call). */
  pids?: () => Promise<number[]>;
}

/** What a fault's setup gets. */
export interface FaultContext {
  random: () => number;
  emulatorUrl: string;
  secrets: ChaosSecrets;
  /** An empty folder for this iteration (HOME for credential files). */
  dir: string;
  /** A unique id for this iteration (emulator script keys). */
  id: string;
  /** The iteration's retry policy, for bounds. */
  retry: { maxAttempts: number; maxDelayMs: number };
  /** A loopback URL where nothing listens. */
  deadUrl: string;
  transport: "undici" | "fetch";
}

export interface CallFault {
  name: string;
  category: "http" | "wire" | "credentials";
  /** Which calls make sense (default both). */
  apis?: readonly Api[];
  setup(ctx: FaultContext): Promise<CallPlan>;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/** Per attempt and retry waits: the longest a retried call can take when each attempt takes `perAttemptMs`. */
const retried = (ctx: FaultContext, perAttemptMs: number) => ctx.retry.maxAttempts * perAttemptMs + (ctx.retry.maxAttempts - 1) * ctx.retry.maxDelayMs;

/** A model carrying `headers` on every call (the emulator reads faults from them). */
export function chaosModel(headers: Record<string, string> = {}): Model {
  return {
    id: MODEL_ID,
    name: MODEL_ID,
    reasoning: false,
    input: ["text"],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: 128_000,
    maxTokens: 4096,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/** A random way to authenticate that the emulator accepts: SigV4 keys (with session token), a bearer token, the config's API key. */
function acceptedAuth(ctx: FaultContext): Partial<BedrockOptions> {
  const s = ctx.secrets;
  switch (pick(ctx.random, ["sigv4", "bearer", "config", "env", "env-bearer"] as const)) {
    case "sigv4":
      return { credentials: s.keys.static };
    case "bearer":
      return { credentials: { bearerToken: s.bearerToken } };
    case "config":
      return { credentials: undefined, config: { models: { providers: { "amazon-bedrock": { auth: "api-key", apiKey: s.configApiKey } } } } };
    case "env":
      return {
        credentials: undefined,
        env: { ...noSources(ctx), AWS_ACCESS_KEY_ID: s.keys.static.accessKeyId, AWS_SECRET_ACCESS_KEY: s.keys.static.secretAccessKey, AWS_SESSION_TOKEN: s.keys.static.sessionToken },
      };
    case "env-bearer":
      return { credentials: undefined, env: { ...noSources(ctx), AWS_BEARER_TOKEN_BEDROCK: s.bearerToken } };
  }
}

/** An environment where no credential source is found by accident: an empty HOME, IMDS off, STS nowhere. */
function noSources(ctx: FaultContext): Record<string, string> {
  return { HOME: ctx.dir, AWS_EC2_METADATA_DISABLED: "true", AWS_ENDPOINT_URL_STS: ctx.deadUrl };
}

// ---------------------------------------------------------------------------------------------
// The emulator's faults (x-streambed-emulator-fault)

interface EmulatorFault {
  /** The fault header's value (none: a clean call). */
  header?: string;
  /** More model headers (the once-then-OK rows). */
  headers?: Record<string, string>;
  expect: string[];
  expectComplete?: string[];
  options?: Partial<BedrockOptions>;
  /** `options` bring their own credentials (no random accepted auth added). */
  ownAuth?: boolean;
  boundMs?: number;
}

function emulatorFault(name: string, category: CallFault["category"], fault: (ctx: FaultContext) => EmulatorFault): CallFault {
  return {
    name,
    category,
    async setup(ctx) {
      const f = fault(ctx);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel({ ...(f.header ? { [FAULT_HEADER]: f.header } : {}), ...f.headers }),
        options: f.ownAuth ? { ...f.options } : { ...acceptedAuth(ctx), ...f.options },
        expect: f.expect,
        ...(f.expectComplete ? { expectComplete: f.expectComplete } : {}),
        boundMs: f.boundMs ?? retried(ctx, 2_000),
        servers: [],
      };
    },
  };
}

const HTTP_FAULTS: Array<[string, string]> = [
  ["throttle", "ThrottlingError"],
  ["model-not-ready", "ModelError"],
  ["400", "ValidationError"],
  ["403", "AccessDeniedError"],
  ["404", "ResourceNotFoundError"],
  ["408", "ModelError"],
  ["424", "ModelError"],
  ["500", "InternalServerError"],
  ["503", "ServiceUnavailableError"],
];

const EXCEPTION_FRAMES: Array<[string, string, string]> = [
  ["internalServerException", "InternalServerError", "InternalServerError"],
  ["modelStreamErrorException", "ModelStreamError", "ModelError"],
  ["validationException", "ValidationError", "ValidationError"],
  ["throttlingException", "ThrottlingError", "ThrottlingError"],
  ["serviceUnavailableException", "ServiceUnavailableError", "ServiceUnavailableError"],
];

const emulatorFaults: CallFault[] = [
  emulatorFault("clean", "http", () => ({ header: "", expect: ["done"] })),
  ...HTTP_FAULTS.map(([header, error]) => emulatorFault(`emulator ${header}`, "http", () => ({ header, expect: [error] }))),
  ...EXCEPTION_FRAMES.map(([header, streamed, completed]) => emulatorFault(`frame ${header}`, "wire", () => ({ header, expect: [streamed], expectComplete: [completed] }))),
  emulatorFault("frame error-frame", "wire", () => ({ header: "error-frame", expect: ["UnknownServiceError"], expectComplete: ["complete"] })),
  ...["bad-prelude-crc", "bad-message-crc", "truncated"].map((header) =>
    emulatorFault(`emulator ${header}`, "wire", () => ({ header, expect: ["EventStreamDecodeError"], expectComplete: ["complete"] })),
  ),
  emulatorFault("emulator stall mid-stream", "wire", (ctx) => {
    const idleMs = between(ctx.random, 100, 400);
    // Converse pauses before its headers instead: the first-byte limit ends each attempt.
    return { header: `stall:${between(ctx.random, 3, 6)}`, expect: ["TimeoutError"], options: { timeouts: { idleMs, firstByteMs: idleMs * 2 } }, boundMs: retried(ctx, idleMs * 2 + 2_000) };
  }),
  emulatorFault("emulator stall before headers", "wire", (ctx) => {
    const firstByteMs = between(ctx.random, 100, 400);
    return { header: `stall-headers:${between(ctx.random, 3, 6)}`, expect: ["TimeoutError"], options: { timeouts: { firstByteMs } }, boundMs: retried(ctx, firstByteMs + 2_000) };
  }),
  emulatorFault("emulator reset", "wire", () => ({ header: "reset", expect: ["NetworkError"] })),
  emulatorFault("emulator reset mid-stream", "wire", () => ({ header: "reset-mid", expect: ["NetworkError"], expectComplete: ["NetworkError", "complete"] })),
  {
    name: "emulator slow tokens",
    category: "wire",
    async setup(ctx) {
      const tps = between(ctx.random, 40, 400);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel({ "x-streambed-emulator-tokens-per-second": String(tps) }),
        options: acceptedAuth(ctx),
        expect: ["done"],
        boundMs: 2_000 + (40 / tps) * 1000,
        servers: [],
      };
    },
  },
  // The emulator's script answers the first call of this id with the fault (see chaos-emulator.ts).
  ...["throttle", "500", "503", "reset", "stall-headers:5"].map((once) =>
    emulatorFault(`emulator ${once.replace(/:.*/, "")} once, then OK`, "http", (ctx) => ({
      headers: { "x-chaos-once": ctx.id, "x-chaos-once-fault": once },
      expect: ["done"],
      ...(once.startsWith("stall") ? { options: { timeouts: { firstByteMs: 300 } } } : {}),
      boundMs: retried(ctx, 2_300),
    })),
  ),
];

// ---------------------------------------------------------------------------------------------
// A loopback wire server: bytes the emulator does not send

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

const wireFaults: CallFault[] = [
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

// ---------------------------------------------------------------------------------------------
// Credential sources

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const HOUR = 3_600_000;

/** How a credential endpoint misbehaves. */
type SourceMode = "ok" | "slow" | "stall" | "flood" | "expired" | "error-echo" | "reset";

function stsXml(action: string, k: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, expiration: string): string {
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${k.accessKeyId}</AccessKeyId><SecretAccessKey>${k.secretAccessKey}</SecretAccessKey><SessionToken>${k.sessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/chaos/s</Arn><AssumedRoleId>AROACHAOS:s</AssumedRoleId></AssumedRoleUser></${action}Result><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></${action}Response>`;
}

/** A role_arn profile whose source keys (with a session token) go to a loopback STS. */
function stsFault(mode: SourceMode): CallFault {
  return {
    name: `STS ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const s = ctx.secrets;
      const sts = await startChaosServer("sts", async (x) => {
        const action = new URLSearchParams(x.body).get("Action") ?? "AssumeRole";
        switch (mode) {
          case "ok":
            return void x.res.writeHead(200, { "content-type": "text/xml" }).end(stsXml(action, s.keys.sts, iso(HOUR)));
          case "slow":
            await x.sleep(between(ctx.random, 50, 600));
            return void (x.closed || x.res.writeHead(200, { "content-type": "text/xml" }).end(stsXml(action, s.keys.sts, iso(HOUR))));
          case "stall":
            return void (await x.sleep(600_000));
          case "flood":
            x.res.writeHead(200, { "content-type": "text/xml" });
            return flood(x, between(ctx.random, 1, 64) * 1024 * 1024, 0x20);
          case "expired":
            return void x.res.writeHead(200, { "content-type": "text/xml" }).end(stsXml(action, s.keys.sts, iso(-HOUR)));
          case "error-echo":
            return void x.res
              .writeHead(403, { "content-type": "text/xml" })
              .end(`<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized. You sent ${JSON.stringify(x.req.headers)} ${x.body}</Message></Error><RequestId>chaos</RequestId></ErrorResponse>`);
          case "reset":
            return void x.req.socket.resetAndDestroy();
        }
      });
      await mkdir(join(ctx.dir, ".aws"), { recursive: true });
      await writeFile(join(ctx.dir, ".aws", "credentials"), `[base]\naws_access_key_id = ${s.base.accessKeyId}\naws_secret_access_key = ${s.base.secretAccessKey}\naws_session_token = ${s.base.sessionToken}\n`);
      await writeFile(join(ctx.dir, ".aws", "config"), `[profile chaosrole]\nrole_arn = arn:aws:iam::123456789012:role/chaos\nsource_profile = base\nregion = us-east-1\n`);
      const ok = mode === "ok" || mode === "slow";
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { ...noSources(ctx), AWS_PROFILE: "chaosrole", AWS_ENDPOINT_URL_STS: sts.url } },
        expect: ok ? ["done"] : mode === "expired" ? ["CredentialsExpiredError", "CredentialsError"] : ["CredentialsError"],
        boundMs: mode === "stall" || mode === "flood" ? 60_000 : 10_000,
        ...(mode === "stall" ? { needsDeadline: true } : {}),
        servers: [sts],
      };
    },
  };
}

/** The EC2 instance metadata service (IMDSv2) on loopback. */
function imdsFault(mode: SourceMode): CallFault {
  return {
    name: `IMDS ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const k = ctx.secrets.keys.imds;
      const TOKEN = "AQAEAChaosImdsToken==";
      const imds = await startChaosServer("imds", async (x) => {
        const { req, res } = x;
        if (mode === "reset") return void req.socket.resetAndDestroy();
        if (req.method === "PUT" && req.url === "/latest/api/token") return void res.writeHead(200, { "content-type": "text/plain" }).end(TOKEN);
        if (mode === "error-echo") return void res.writeHead(503, { "content-type": "text/plain" }).end(`unavailable; you sent ${JSON.stringify(req.headers)}`);
        if (req.url === "/latest/meta-data/iam/security-credentials/") return void res.writeHead(200, { "content-type": "text/plain" }).end("chaos-role");
        if (req.url !== "/latest/meta-data/iam/security-credentials/chaos-role") return void res.writeHead(404).end();
        const doc = (expiration: string) => JSON.stringify({ Code: "Success", LastUpdated: iso(0), Type: "AWS-HMAC", AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey, Token: k.sessionToken, Expiration: expiration });
        switch (mode) {
          case "ok":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR)));
          case "slow":
            await x.sleep(between(ctx.random, 10, 300));
            return void (x.closed || res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR))));
          case "stall":
            res.writeHead(200, { "content-type": "application/json" });
            res.write(doc(iso(HOUR)).slice(0, 20));
            return void (await x.sleep(600_000));
          case "flood":
            res.writeHead(200, { "content-type": "application/json" });
            return flood(x, 64 * 1024 * 1024, 0x20);
          case "expired":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(-HOUR)));
        }
      });
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { HOME: ctx.dir, AWS_ENDPOINT_URL_STS: ctx.deadUrl, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } },
        expect: mode === "ok" || mode === "slow" ? ["done"] : mode === "expired" ? ["CredentialsExpiredError"] : mode === "reset" ? ["CredentialsNotFoundError"] : ["CredentialsError"],
        boundMs: 5_000,
        servers: [imds],
      };
    },
  };
}

/** A container credentials endpoint (ECS / EKS Pod Identity) on loopback, its token in a file ending in a newline. */
function containerFault(mode: SourceMode | "token-line-break"): CallFault {
  return {
    name: `container ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const k = ctx.secrets.keys.container;
      const token = ctx.secrets.containerAuthToken;
      const endpoint = await startChaosServer("container", async (x) => {
        const { req, res } = x;
        if (mode === "reset") return void req.socket.resetAndDestroy();
        if (req.headers.authorization !== token) return void res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "bad token" }));
        const doc = (expiration: string) => JSON.stringify({ AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey, Token: k.sessionToken, Expiration: expiration });
        switch (mode) {
          case "ok":
          case "token-line-break":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR)));
          case "slow":
            await x.sleep(between(ctx.random, 10, 300));
            return void (x.closed || res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR))));
          case "stall":
            return void (await x.sleep(600_000));
          case "flood":
            res.writeHead(200, { "content-type": "application/json" });
            return flood(x, between(ctx.random, 1, 64) * 1024 * 1024, 0x20);
          case "expired":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(-HOUR)));
          case "error-echo":
            return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ message: `failed for ${JSON.stringify(req.headers)}` }));
        }
      });
      const tokenFile = join(ctx.dir, "container-token");
      await writeFile(tokenFile, mode === "token-line-break" ? `${token.slice(0, 20)}\n${token.slice(20)}\n` : `${token}\n`);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { ...noSources(ctx), AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint.url}/v2/credentials/chaos`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile } },
        expect: mode === "ok" || mode === "slow" ? ["done"] : mode === "expired" ? ["CredentialsExpiredError", "CredentialsError"] : ["CredentialsError"],
        boundMs: 10_000,
        servers: [endpoint],
      };
    },
  };
}

/** A profile whose credential_process (a node script) prints credentials, sleeps, fails loudly or prints garbage. */
function processFault(mode: "ok" | "sleep" | "fail-echo" | "expired" | "garbage"): CallFault {
  return {
    name: `credential_process ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const k = ctx.secrets.keys.process;
      const runs = join(ctx.dir, "runs.txt");
      const script = join(ctx.dir, "process.mjs");
      const creds = (expiration: string) => JSON.stringify({ Version: 1, AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey, SessionToken: k.sessionToken, Expiration: expiration });
      const body: Record<typeof mode, string> = {
        ok: `process.stdout.write(${JSON.stringify(creds(iso(HOUR)))});`,
        sleep: `setTimeout(() => process.stdout.write("{}"), 600_000);`,
        "fail-echo": `process.stderr.write(${JSON.stringify(`could not get credentials for ${k.secretAccessKey} / ${k.sessionToken}\n`)}); process.stdout.write(${JSON.stringify(k.sessionToken)}); process.exitCode = 1;`,
        expired: `process.stdout.write(${JSON.stringify(creds(iso(-HOUR)))});`,
        garbage: `process.stdout.write(${JSON.stringify(`not json: ${k.secretAccessKey} ${k.sessionToken}`)});`,
      };
      await writeFile(script, `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(runs)}, process.pid + "\\n");\n${body[mode]}\n`);
      await mkdir(join(ctx.dir, ".aws"), { recursive: true });
      await writeFile(join(ctx.dir, ".aws", "config"), `[profile chaosproc]\ncredential_process = "${process.execPath}" "${script}"\nregion = us-east-1\n`);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { ...noSources(ctx), AWS_PROFILE: "chaosproc" } },
        expect: mode === "ok" ? ["done"] : mode === "expired" ? ["CredentialsExpiredError", "CredentialsError"] : ["CredentialsError"],
        boundMs: 15_000,
        ...(mode === "sleep" ? { needsDeadline: true } : {}),
        servers: [],
        pids: async () =>
          (await readFile(runs, "utf8").catch(() => ""))
            .split("\n")
            .filter(Boolean)
            .map(Number),
      };
    },
  };
}

const otherCredentialFaults: CallFault[] = [
  emulatorFault("env credentials expired", "credentials", (ctx) => {
    const k = ctx.secrets.keys.static;
    const expired = iso(-between(ctx.random, 1, 1000) * 60_000);
    const env = { ...noSources(ctx), AWS_ACCESS_KEY_ID: k.accessKeyId, AWS_SECRET_ACCESS_KEY: k.secretAccessKey, AWS_SESSION_TOKEN: k.sessionToken, AWS_CREDENTIAL_EXPIRATION: expired };
    return { ownAuth: true, options: { credentials: undefined, env }, expect: ["CredentialsExpiredError"], boundMs: 3_000 };
  }),
  emulatorFault("env credentials half set", "credentials", (ctx) => ({
    ownAuth: true,
    options: { credentials: undefined, env: { ...noSources(ctx), AWS_ACCESS_KEY_ID: ctx.secrets.keys.static.accessKeyId, AWS_SESSION_TOKEN: ctx.secrets.keys.static.sessionToken } },
    expect: ["CredentialsError"],
    boundMs: 3_000,
  })),
  emulatorFault("no credentials anywhere", "credentials", (ctx) => ({ ownAuth: true, options: { credentials: undefined, env: noSources(ctx) }, expect: ["CredentialsNotFoundError"], boundMs: 5_000 })),
  emulatorFault("wrong secret key", "credentials", (ctx) => {
    const k = ctx.secrets.keys.static;
    return { ownAuth: true, options: { credentials: { ...k, secretAccessKey: ctx.secrets.wrongSecret } }, expect: ["AuthenticationError"], boundMs: 3_000 };
  }),
  emulatorFault("token expired once, refreshed", "credentials", (ctx) => {
    const k = ctx.secrets.keys.static;
    return {
      ownAuth: true,
      headers: { "x-chaos-once": ctx.id, "x-chaos-once-fault": "expired-token" },
      options: { credentials: async () => ({ credentials: { ...k, expiration: new Date(Date.now() + HOUR) }, source: "chaos provider" }) },
      expect: ["done"],
    };
  }),
];

const credentialFaults: CallFault[] = [
  ...(["ok", "slow", "stall", "flood", "expired", "error-echo", "reset"] as const).map(stsFault),
  ...(["ok", "slow", "stall", "flood", "expired", "error-echo", "reset"] as const).map(imdsFault),
  ...(["ok", "slow", "stall", "flood", "expired", "error-echo", "reset", "token-line-break"] as const).map(containerFault),
  ...(["ok", "sleep", "fail-echo", "expired", "garbage"] as const).map(processFault),
  ...otherCredentialFaults,
];

/** Every call fault of the chaos run. */
export const CALL_FAULTS: readonly CallFault[] = [...emulatorFaults, ...wireFaults, ...credentialFaults];
