/** streambed with the node:http transport (`createBedrock({ transport: createNodeHttpTransport() })`): undici is never loaded. */
import { createNodeHttpTransport } from "streambed";
import { openStreambed } from "./streambed.js";
import type { BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  return openStreambed(url, { transport: createNodeHttpTransport({ env: {} }) });
}
