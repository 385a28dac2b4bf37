import { NetworkError } from "@streambed/transport";
import { createNodeHttpTransport as transportNodeHttp } from "@streambed/transport/node-http";
import { describe, expect, it } from "vitest";
import { createFetchTransport } from "./fetch-transport.js";
import { createNodeHttpTransport } from "./node-http-transport.js";

/** What `f` throws, synchronously. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

const refused = { method: "GET" as const, url: "http://127.0.0.1:1/", headers: {} };

describe("the transports loaded on their first request", () => {
  it("refuse a proxy variable at once, with the error @streambed/transport/node-http throws", () => {
    const env = { HTTPS_PROXY: "http://proxy.test:3128" };
    const ours = thrown(() => createNodeHttpTransport({ env }));
    expect(ours).toBeInstanceOf(TypeError);
    expect(ours).toEqual(thrown(() => transportNodeHttp({ env })));
    expect(thrown(() => createNodeHttpTransport({ env, agents: {} }))).toBeUndefined();
  });

  it("send through the real transports: a refused connection is a NetworkError of @streambed/transport", async () => {
    await expect(createNodeHttpTransport({ env: {} }).send(refused)).rejects.toBeInstanceOf(NetworkError);
    await expect(createFetchTransport().send(refused)).rejects.toBeInstanceOf(NetworkError);
  });

  it("node:http: close() closes the transport made (a later send is refused), fetch has no close()", async () => {
    const transport = createNodeHttpTransport({ env: {} });
    await transport.close!();
    await expect(transport.send(refused)).rejects.toThrow(/closed/);
    expect("close" in createFetchTransport()).toBe(false);
  });
});
