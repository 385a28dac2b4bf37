/** streambed on Node's global fetch (the fetch transport edge runtimes use), everything else as `createBedrock()` defaults. */
import { openStreambed } from "./streambed.js";
import type { BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  return openStreambed(url, { fetch: globalThis.fetch });
}
