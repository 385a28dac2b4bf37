import type { HttpRequest, HttpResponse, Transport } from "@streambed/transport";
import { describe, expect, it, vi } from "vitest";
import { deferredTransport } from "./deferred-transport.js";

const request: HttpRequest = { method: "POST", url: "https://example.test/x", headers: {} };
const response: HttpResponse = { status: 200, headers: {}, body: (async function* () {})() };

describe("deferredTransport", () => {
  it("makes the transport once, on the first send, and sends every request through it", async () => {
    const send = vi.fn(async () => response);
    const make = vi.fn(async (): Promise<Transport> => ({ send }));
    const transport = deferredTransport(make, false);
    expect(make).not.toHaveBeenCalled();
    await Promise.all([transport.send(request), transport.send(request)]);
    expect(await transport.send(request)).toBe(response);
    expect(make).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it("has close() exactly when the transport made has one, and closes that one", async () => {
    expect("close" in deferredTransport(async () => ({ send: async () => response }), false)).toBe(false);
    const close = vi.fn(async () => undefined);
    const transport = deferredTransport(async () => ({ send: async () => response, close }), true);
    await transport.close!();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it("hands the send's own rejection through, and a failure to make to every caller", async () => {
    const failing = deferredTransport(async () => ({ send: async () => Promise.reject(new TypeError("refused")) }), false);
    await expect(failing.send(request)).rejects.toThrow("refused");
    const unmade = deferredTransport(async () => Promise.reject(new Error("no module")), false);
    await expect(unmade.send(request)).rejects.toThrow("no module");
    await expect(unmade.send(request)).rejects.toThrow("no module");
  });
});
