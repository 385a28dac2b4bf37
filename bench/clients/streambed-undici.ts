/** streambed as most users get it: `createBedrock()` from "streambed" (undici transport, node:zlib CRC, node:crypto SHA-256). */
import { openStreambed } from "./streambed.js";
import type { BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  return openStreambed(url);
}
