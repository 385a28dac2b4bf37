/**
 * In a CommonJS process the built-in transports throw the error classes `require("streambed")`
 * exports: one `NetworkError` for undici (the default), fetch and node:http (which load on their
 * first request). Against the built packages, as a CommonJS consumer gets them.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/** The Node build's types (TypeScript resolves "streambed" without the `node` condition here). */
type Streambed = typeof import("../src/index.js");

const streambed = createRequire(import.meta.url)("streambed") as Streambed;
/** Nothing listens on port 1 of the loopback: every transport fails to connect. */
const refused = { method: "GET" as const, url: "http://127.0.0.1:1/", headers: {} };

describe("CommonJS: transport failures are the exported error classes", () => {
  it.each([
    ["undici", () => streambed.createUndiciTransport({ env: {} })],
    ["fetch", () => streambed.createFetchTransport()],
    ["node:http", () => streambed.createNodeHttpTransport({ env: {} })],
  ])("%s: a refused connection is streambed's NetworkError", async (_name, make) => {
    const error = await make().send(refused).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(streambed.NetworkError);
    expect(error).toBeInstanceOf(streambed.BedrockError);
  });
});
