/** The node:http transport's own abort wiring leaves no listener on the signal once a request is done. */
import { getEventListeners } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBody, startLoopback, type Loopback } from "../../test/loopback-server.js";
import { readBody, type HttpRequest } from "../transport.js";
import { AbortError } from "../errors/index.js";
import { createNodeHttpTransport } from "./index.js";

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
  server.handle(async (req, res) => {
    await requestBody(req);
    res.writeHead(200);
    res.write("a".repeat(10));
    res.end("b".repeat(10));
  });
});
afterAll(() => server.close());

const post = (signal: AbortSignal): HttpRequest => ({ method: "POST", url: `${server.url}/x`, headers: {}, body: new Uint8Array(5), signal });

describe("node:http transport abort listener", () => {
  it("is removed when a body is read to the end, and when the reader breaks out early", async () => {
    const transport = createNodeHttpTransport({ env: {} });
    const controller = new AbortController();
    for (let i = 0; i < 5; i++) {
      const response = await transport.send(post(controller.signal));
      expect((await readBody(response.body)).byteLength).toBe(20);
    }
    const early = await transport.send(post(controller.signal));
    for await (const _chunk of early.body) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await transport.close?.();
  });

  it("aborting mid-body rejects the reader with AbortError", async () => {
    const transport = createNodeHttpTransport({ env: {} });
    const controller = new AbortController();
    const response = await transport.send(post(controller.signal));
    controller.abort();
    await expect(readBody(response.body)).rejects.toBeInstanceOf(AbortError);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await transport.close?.();
  });
});
