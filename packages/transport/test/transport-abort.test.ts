/**
 * Aborting a request, against a real loopback server: through its `signal` (every built-in
 * transport) or its `abort` watch (undici and node:http, which then never read `signal`). Before
 * the headers, mid-body, or already aborted: AbortError, and the socket is closed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError } from "../src/errors/index.js";
import { decodeEventStream } from "../src/event-stream/decode-event-stream.js";
import type { AbortWatch, HttpRequest } from "../src/transport.js";
import { eventFrame } from "./bedrock-frames.js";
import { builtinTransports, transportPerSuite } from "./builtin-transports.js";
import { closed, deferred, requestBody, startLoopback, streamOneFrameAndHold, type Loopback } from "./loopback-server.js";

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

/** A minimal AbortWatch, as the client's `CallTimeouts` is one. */
class Watch implements AbortWatch {
  aborted = false;
  reason: unknown = undefined;
  readonly listeners = new Set<() => void>();
  addEventListener(_type: "abort", listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: "abort", listener: () => void): void {
    this.listeners.delete(listener);
  }
  abort(): void {
    this.aborted = true;
    this.reason = new Error("stopped");
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }
}

/** One request with its way to abort it, and how often its `signal` was read. */
interface Abortable {
  request: HttpRequest;
  abort(): void;
  signalReads(): number;
  /** Abort listeners still added (undefined for a signal, which does not tell). */
  listeners(): number | undefined;
}

const target = () => ({
  method: "POST" as const,
  url: `${server.url}/model/amazon.nova-lite-v1%3A0/converse-stream`,
  headers: { "content-type": "application/json", accept: "application/vnd.amazon.eventstream" },
  body: new TextEncoder().encode("{}"),
});

/** Aborted through `signal`: an AbortController's. */
function bySignal(): Abortable {
  const controller = new AbortController();
  return { request: { ...target(), signal: controller.signal }, abort: () => controller.abort(), signalReads: () => 0, listeners: () => undefined };
}

/** Aborted through `abort`; its `signal` (never aborted) counts its reads. */
function byWatch(): Abortable {
  const watch = new Watch();
  let reads = 0;
  const request: HttpRequest = {
    ...target(),
    abort: watch,
    get signal() {
      reads++;
      return new AbortController().signal;
    },
  };
  return { request, abort: () => watch.abort(), signalReads: () => reads, listeners: () => watch.listeners.size };
}

/**
 * A wrapper transport's copy of a watched request with its own signal (`{ ...request, signal }`):
 * `abort` is carried along but never fires; aborting the wrapper's signal must stop the request.
 */
function byWrapperSignal(): Abortable {
  const controller = new AbortController();
  const copied = { ...byWatch().request, signal: controller.signal };
  return { request: copied, abort: () => controller.abort(), signalReads: () => 0, listeners: () => undefined };
}

// fetch takes only a real AbortSignal: it reads `signal` and ignores `abort`.
const cases = builtinTransports.flatMap(([name, make]) => [
  [`${name}, through its signal`, make, bySignal] as const,
  ...(name === "fetch" ? [] : [[`${name}, through its abort watch`, make, byWatch] as const]),
  [`${name}, through a wrapper's own signal on a copy that carries abort`, make, byWrapperSignal] as const,
]);

describe.each(cases)("%s", (_name, make, abortable) => {
  const transport = transportPerSuite(make);

  it("abort mid-stream rejects with AbortError and the server sees the socket close", async () => {
    const held = streamOneFrameAndHold(server);
    const call = abortable();
    const response = await transport().send(call.request);
    const messages = decodeEventStream(response.body)[Symbol.asyncIterator]();
    expect((await messages.next()).value?.headers[":event-type"]?.value).toBe("messageStart");
    expect(call.listeners() ?? 1).toBe(1);
    const pending = messages.next();
    call.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    await (await held).gone;
    expect(call.signalReads()).toBe(0);
  });

  it("abort before the response headers rejects send() with AbortError and closes the socket", async () => {
    const arrived = deferred<{ gone: Promise<void> }>();
    server.handle(async (req) => {
      await requestBody(req);
      arrived.resolve({ gone: closed(req.socket) }); // never answers
    });
    const call = abortable();
    const sent = transport().send(call.request);
    const { gone } = await arrived.promise;
    call.abort();
    await expect(sent).rejects.toBeInstanceOf(AbortError);
    await gone;
    expect(call.signalReads()).toBe(0);
  });

  it("an already-aborted request rejects with AbortError and sends nothing", async () => {
    let served = 0;
    server.handle((_req, res) => {
      served++;
      res.end();
    });
    const call = abortable();
    call.abort();
    await expect(transport().send(call.request)).rejects.toBeInstanceOf(AbortError);
    expect(served).toBe(0);
  });

  it("a finished response leaves no abort listener behind", async () => {
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      res.end(eventFrame("messageStart", { role: "assistant" }));
    });
    const call = abortable();
    const response = await transport().send(call.request);
    for await (const chunk of response.body) expect(chunk.byteLength).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(call.listeners() ?? 0).toBe(0);
  });
});
