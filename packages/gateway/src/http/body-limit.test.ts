import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { limitBody } from "./body-limit.js";

function app(maxSize: number) {
  const a = new Hono();
  a.use("*", limitBody(maxSize, (c) => c.text("too large", 413)));
  a.post("/", async (c) => c.text(`read ${(await c.req.text()).length}`));
  a.get("/", (c) => c.text("get"));
  return a;
}

/** A body sent as a stream: no content-length, as a chunked upload. */
function streamed(text: string, pieces = 4): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const step = Math.ceil(bytes.length / pieces);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += step)));
    },
  });
}

describe("limitBody", () => {
  it("judges a body with a content-length by the header, and leaves the body to the handler", async () => {
    const a = app(10);
    const ok = await a.request("/", { method: "POST", body: "0123456789", headers: { "content-length": "10" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("read 10");
    const big = await a.request("/", { method: "POST", body: "0123456789x", headers: { "content-length": "11" } });
    expect(big.status).toBe(413);
  });

  it("counts the bytes of a body without a content-length as they come", async () => {
    const a = app(10);
    const ok = await a.request("/", { method: "POST", body: streamed("0123456789"), duplex: "half" } as RequestInit);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("read 10");
    const big = await a.request("/", { method: "POST", body: streamed("0123456789x".repeat(3)), duplex: "half" } as RequestInit);
    expect(big.status).toBe(413);
  });

  it("lets GET through", async () => {
    expect(await (await app(0).request("/")).text()).toBe("get");
  });
});
