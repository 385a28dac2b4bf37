import * as zlib from "node:zlib";
import { crc32 as jsCrc32, type Crc32 } from "@streambed/transport";

/**
 * `zlib.crc32` (native, several GB/s; Node ≥ 20.15 / 22.2) when this Node has it, else the
 * table-driven JS CRC-32 from @streambed/transport.
 */
export const nodeCrc32: Crc32 =
  typeof (zlib as { crc32?: unknown }).crc32 === "function"
    ? (data, initial) => (zlib as unknown as { crc32(d: Uint8Array, v?: number): number }).crc32(data, initial ?? 0)
    : jsCrc32;
