/** node:http-only behaviour (the shared contract is in transport-contract.test.ts): agents, close(), proxies, timeouts, compressed bodies. */
import { Agent } from "node:http";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { createGzip, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, NetworkError, TimeoutError } from "../src/errors/index.js";
import { decodeEventStream } from "../src/event-stream/decode-event-stream.js";
import { createNodeHttpTransport } from "../src/node-http/index.js";
import { readBody, type HttpRequest } from "../src/transport.js";
import { eventFrame } from "./bedrock-frames.js";
import { closed, deferred, requestBody, startLoopback, type Loopback } from "./loopback-server.js";

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

const okHandler = () =>
  server.handle(async (req, res) => {
    await requestBody(req);
    res.writeHead(200, { "set-cookie": ["a=1", "b=2"] });
    res.end("ok");
  });
const get = (url = server.url): HttpRequest => ({ method: "GET", url: `${url}/foundation-models?byOutputModality=TEXT`, headers: {} });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("createNodeHttpTransport", () => {
  it("an already-aborted signal: AbortError, and no connection is opened", async () => {
    const transport = createNodeHttpTransport({ env: {} });
    const before = server.connections.length;
    const controller = new AbortController();
    controller.abort();
    await expect(transport.send({ ...get(), signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    await transport.close?.();
    expect(server.connections.length).toBe(before);
  });

  it("joins repeated response headers and sends the path with its query", async () => {
    const seen = deferred<string | undefined>();
    server.handle(async (req, res) => {
      seen.resolve(req.url);
      await requestBody(req);
      res.writeHead(200, { "set-cookie": ["a=1", "b=2"] });
      res.end("ok");
    });
    const transport = createNodeHttpTransport({ env: {} });
    const response = await transport.send(get());
    expect(response.headers["set-cookie"]).toBe("a=1, b=2");
    expect(await seen.promise).toBe("/foundation-models?byOutputModality=TEXT");
    await readBody(response.body);
    await transport.close?.();
  });

  it("uses the given agent and leaves it open on close()", async () => {
    okHandler();
    const agent = new Agent({ keepAlive: true });
    const transport = createNodeHttpTransport({ agents: { http: agent } });
    const response = await transport.send(get());
    expect(new TextDecoder().decode(await readBody(response.body))).toBe("ok");
    await new Promise((resolve) => setImmediate(resolve)); // the socket goes back to the agent's pool
    const pooled = Object.values(agent.freeSockets).flat();
    expect(pooled).toHaveLength(1);
    await transport.close?.();
    expect(pooled[0]!.destroyed).toBe(false);
    const before = server.connections.length;
    await readBody((await createNodeHttpTransport({ agents: { http: agent } }).send(get())).body);
    expect(server.connections.length).toBe(before); // the kept-alive socket was reused
    agent.destroy();
  });

  it("closes its own pool on close(); a later send is a NetworkError", async () => {
    okHandler();
    const transport = createNodeHttpTransport({ env: {}, keepAliveTimeoutMs: 60_000 });
    await readBody((await transport.send(get())).body);
    const socket = server.connections.at(-1)!;
    await transport.close?.();
    await closed(socket);
    await expect(transport.send(get())).rejects.toBeInstanceOf(NetworkError);
  });

  it("refuses to be created with a proxy variable set, naming the undici transport", () => {
    expect(() => createNodeHttpTransport({ env: { HTTPS_PROXY: "http://user:pass@127.0.0.1:3128" } })).toThrow(/does not go through proxies.*undici/);
    expect(() => createNodeHttpTransport({ env: { http_proxy: "http://127.0.0.1:3128" } })).toThrow(TypeError);
    expect(() => createNodeHttpTransport({ env: {} })).not.toThrow();
  });

  it("an unsupported URL scheme is InvalidRequest from send()", async () => {
    const transport = createNodeHttpTransport({ env: {} });
    await expect(transport.send({ ...get(), url: "ftp://127.0.0.1/x" })).rejects.toMatchObject({ code: "InvalidRequest", retryable: false });
  });

  it("no response headers within headersTimeoutMs: a first-byte TimeoutError, and the socket is closed", async () => {
    const arrived = deferred<{ gone: Promise<void> }>();
    server.handle(async (req) => {
      await requestBody(req);
      arrived.resolve({ gone: closed(req.socket) }); // never answers
    });
    const transport = createNodeHttpTransport({ env: {}, headersTimeoutMs: 200 });
    const error = await rejection(transport.send(get()));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: "first-byte", timeoutMs: 200, retryable: true });
    await (await arrived.promise).gone;
    await transport.close?.();
  });

  it("a body that stops for bodyTimeoutMs: an idle TimeoutError from the body, and the socket is closed", async () => {
    const arrived = deferred<{ gone: Promise<void> }>();
    server.handle(async (req, res) => {
      await requestBody(req);
      arrived.resolve({ gone: closed(req.socket) });
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      res.write(eventFrame("messageStart", { role: "assistant" })); // then nothing
    });
    const transport = createNodeHttpTransport({ env: {}, bodyTimeoutMs: 200 });
    const response = await transport.send(get());
    const error = await rejection(readBody(response.body));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: "idle", timeoutMs: 200 });
    await (await arrived.promise).gone;
    await transport.close?.();
  });

  it("the same limit for headers and body (the defaults' shape): a body that stops for it is an idle TimeoutError, on a reused connection too", async () => {
    let calls = 0;
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      if (++calls === 1) return void res.end(eventFrame("messageStart", { role: "assistant" }));
      res.write(eventFrame("messageStart", { role: "assistant" })); // then nothing
    });
    const transport = createNodeHttpTransport({ env: {}, headersTimeoutMs: 200, bodyTimeoutMs: 200 });
    await readBody((await transport.send(get())).body); // the connection goes back to the pool
    const response = await transport.send(get());
    const error = await rejection(readBody(response.body));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: "idle", timeoutMs: 200 });
    await transport.close?.();
  });

  it("a TLS handshake that never completes: a connect TimeoutError naming the origin", async () => {
    // A TCP server that accepts and never speaks: the TCP connect succeeds, TLS never does.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    const transport = createNodeHttpTransport({ env: {}, connectTimeoutMs: 200 });
    try {
      const error = await rejection(transport.send(get(`https://127.0.0.1:${port}`)));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ kind: "connect", timeoutMs: 200 });
      expect((error as Error).message).toContain(`https://127.0.0.1:${port}`);
    } finally {
      await transport.close?.();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("a body that says gzip but does not decode: a retryable NetworkError naming the coding", async () => {
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(Buffer.concat([gzipSync("{}").subarray(0, 10), Buffer.from("not deflate data at all")]));
    });
    const transport = createNodeHttpTransport({ env: {} });
    try {
      const error = await rejection(readBody((await transport.send(get())).body));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ retryable: true });
      expect((error as Error).message).toContain('content-encoding "gzip"');
      expect((error as Error).message).toMatch(/Z_DATA_ERROR/);
    } finally {
      await transport.close?.();
    }
  });

  it("breaking out of a gzip-encoded stream closes the socket; aborting one rejects with AbortError", async () => {
    let gone: Promise<void> | undefined;
    server.handle(async (req, res) => {
      await requestBody(req);
      gone = closed(req.socket);
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "content-encoding": "gzip" });
      const gzip = createGzip();
      gzip.pipe(res);
      gzip.write(eventFrame("messageStart", { role: "assistant" }));
      gzip.flush(); // and never end
    });
    const transport = createNodeHttpTransport({ env: {} });
    try {
      const response = await transport.send(get());
      for await (const message of decodeEventStream(response.body)) {
        expect(message.headers[":event-type"]?.value).toBe("messageStart");
        break;
      }
      await gone;
      const controller = new AbortController();
      const second = await transport.send({ ...get(), signal: controller.signal });
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
    }
  });
});
