/** fetch-only behaviour: the fetch used, the headers left to the runtime, bodiless responses. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFetchTransport } from "../src/fetch/index.js";
import { readBody, type HttpRequest } from "../src/transport.js";
import { requestBody, startLoopback, type Loopback } from "./loopback-server.js";

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

const post = (): HttpRequest => ({
  method: "POST",
  url: `${server.url}/model/amazon.nova-lite-v1%3A0/converse`,
  headers: { host: new URL(server.url).host, "content-length": "2", "content-type": "application/json", "x-amz-date": "20260101T000000Z" },
  body: new TextEncoder().encode("{}"),
});

describe("createFetchTransport", () => {
  it("calls the given fetch, leaving host and content-length to the runtime", async () => {
    const calls: Array<{ url: string; headers: Headers; redirect: string | undefined }> = [];
    const recording: typeof fetch = async (input, init) => {
      calls.push({ url: String(input), headers: new Headers(init?.headers), redirect: init?.redirect });
      return fetch(input, init);
    };
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ host: req.headers.host, length: req.headers["content-length"], date: req.headers["x-amz-date"] }));
    });
    const response = await createFetchTransport({ fetch: recording }).send(post());
    const echoed = JSON.parse(new TextDecoder().decode(await readBody(response.body)));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.has("host")).toBe(false);
    expect(calls[0]!.headers.has("content-length")).toBe(false);
    expect(calls[0]!.redirect).toBe("manual");
    // ...and the runtime sent the same values that were signed.
    expect(echoed).toEqual({ host: new URL(server.url).host, length: "2", date: "20260101T000000Z" });
  });

  it("looks up globalThis.fetch per request, so interceptors installed after creation apply", async () => {
    const transport = createFetchTransport();
    const intercepted = vi.fn(async () => new Response(null, { status: 204, headers: { "x-amzn-requestid": "r-1" } }));
    vi.stubGlobal("fetch", intercepted);
    try {
      const response = await transport.send(post());
      expect(intercepted).toHaveBeenCalledOnce();
      expect(response.status).toBe(204);
      expect(response.headers["x-amzn-requestid"]).toBe("r-1");
      expect((await readBody(response.body)).byteLength).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("returns 3xx statuses instead of following redirects with credentials", async () => {
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(307, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    });
    const response = await createFetchTransport().send(post());
    expect(response.status).toBe(307);
    await readBody(response.body);
  });
});
