import { afterAll, beforeAll } from "vitest";
import { createFetchTransport } from "../src/fetch/index.js";
import { createNodeHttpTransport } from "../src/node-http/index.js";
import type { Transport } from "../src/transport.js";
import { createUndiciTransport } from "../src/undici/index.js";

/** The built-in transports, as the loopback tests make them: no proxy variables, one connection. */
export const builtinTransports: Array<[string, () => Transport]> = [
  ["undici", () => createUndiciTransport({ env: {}, connections: 1 })],
  ["fetch", () => createFetchTransport()],
  ["node:http", () => createNodeHttpTransport({ env: {}, connections: 1 })],
];

/** The transport `make` builds, made before the suite's tests and closed after them (call inside a `describe`). */
export function transportPerSuite(make: () => Transport): () => Transport {
  let transport: Transport | undefined;
  beforeAll(() => {
    transport = make();
  });
  afterAll(() => transport?.close?.());
  return () => transport!;
}
