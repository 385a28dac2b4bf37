/** undici-only behaviour: who owns the dispatcher, what happens after close(), compressed bodies. */
import { createGzip, gzipSync } from "node:zlib";
import { Agent, type Dispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, NetworkError } from "../src/errors/index.js";
import { readBody, type HttpRequest } from "../src/transport.js";
import { createUndiciTransport } from "../src/undici/index.js";
import { decodeEventStream } from "../src/event-stream/decode-event-stream.js";
import { eventFrame } from "./bedrock-frames.js";
import { closed, deferred, requestBody, startLoopback, type Loopback } from "./loopback-server.js";

/** An Agent that counts the requests dispatched through it. */
class CountingAgent extends Agent {
  dispatched = 0;
  override dispatch(options: Agent.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.dispatched++;
    return super.dispatch(options, handler);
  }
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
  server.handle(async (req, res) => {
    await requestBody(req);
    res.writeHead(200, { "set-cookie": ["a=1", "b=2"] });
    res.end("ok");
  });
});
afterAll(() => server.close());

const get = (): HttpRequest => ({ method: "GET", url: `${server.url}/foundation-models?byOutputModality=TEXT`, headers: {} });

describe("createUndiciTransport", () => {
  it("an already-aborted signal: AbortError, and no connection is opened", async () => {
    const transport = createUndiciTransport();
    const before = server.connections.length;
    const controller = new AbortController();
    controller.abort();
    await expect(transport.send({ ...get(), signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    await transport.close?.();
    expect(server.connections.length).toBe(before);
  });

  it("uses a given dispatcher and leaves it open on close()", async () => {
    const agent = new CountingAgent();
    const transport = createUndiciTransport({ dispatcher: agent });
    const response = await transport.send(get());
    expect(response.headers["set-cookie"]).toBe("a=1, b=2");
    expect(new TextDecoder().decode(await readBody(response.body))).toBe("ok");
    await transport.close?.();
    const again = await agent.request({ origin: server.url, path: "/", method: "GET" });
    expect(await again.body.text()).toBe("ok");
    expect(agent.dispatched).toBe(2);
    await agent.close();
  });

  it("a body that says gzip but does not decode: a retryable NetworkError naming the coding", async () => {
    const local = await startLoopback();
    local.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(Buffer.concat([gzipSync("{}").subarray(0, 10), Buffer.from("not deflate data at all")]));
    });
    const transport = createUndiciTransport({ env: {} });
    try {
      const response = await transport.send({ ...get(), url: `${local.url}/` });
      const error = await readBody(response.body).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ retryable: true });
      expect((error as Error).message).toContain('content-encoding "gzip"');
      expect((error as Error).message).toMatch(/Z_DATA_ERROR/);
    } finally {
      await transport.close?.();
      await local.close();
    }
  });

  it("breaking out of a gzip-encoded stream closes the socket; aborting one rejects with AbortError", async () => {
    const local = await startLoopback();
    let gone: Promise<void> | undefined;
    local.handle(async (req, res) => {
      await requestBody(req);
      gone = closed(req.socket);
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "content-encoding": "gzip" });
      const gzip = createGzip();
      gzip.pipe(res);
      gzip.write(eventFrame("messageStart", { role: "assistant" }));
      gzip.flush(); // and never end
    });
    const transport = createUndiciTransport({ env: {} });
    try {
      const response = await transport.send({ ...get(), url: `${local.url}/` });
      for await (const message of decodeEventStream(response.body)) {
        expect(message.headers[":event-type"]?.value).toBe("messageStart");
        break;
      }
      await gone;
      const controller = new AbortController();
      const second = await transport.send({ ...get(), url: `${local.url}/`, signal: controller.signal });
      const got = deferred();
      const reading = (async () => {
        for await (const _message of decodeEventStream(second.body)) got.resolve();
      })();
      await got.promise;
      controller.abort();
      await expect(reading).rejects.toBeInstanceOf(AbortError);
      await gone;
    } finally {
      await transport.close?.();
      await local.close();
    }
  });

  it("closes its own pool on close(); a later send is a NetworkError", async () => {
    const transport = createUndiciTransport({ env: {}, keepAliveTimeoutMs: 60_000, connectTimeoutMs: 2_000, connections: 2 });
    await readBody((await transport.send(get())).body);
    const socket = server.connections.at(-1)!;
    await transport.close?.();
    await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve())));
    await expect(transport.send(get())).rejects.toBeInstanceOf(NetworkError);
  });
});
