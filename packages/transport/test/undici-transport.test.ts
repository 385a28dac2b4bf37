/** undici-only behaviour: who owns the dispatcher, and what happens after close(). */
import { Agent, type Dispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, NetworkError } from "../src/errors/index.js";
import { readBody, type HttpRequest } from "../src/transport.js";
import { createUndiciTransport } from "../src/undici/index.js";
import { requestBody, startLoopback, type Loopback } from "./loopback-server.js";

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

  it("closes its own pool on close(); a later send is a NetworkError", async () => {
    const transport = createUndiciTransport({ env: {}, keepAliveTimeoutMs: 60_000, connectTimeoutMs: 2_000, connections: 2 });
    await readBody((await transport.send(get())).body);
    const socket = server.connections.at(-1)!;
    await transport.close?.();
    await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve())));
    await expect(transport.send(get())).rejects.toBeInstanceOf(NetworkError);
  });
});
