import type * as Zlib from "node:zlib";
import { crc32 as jsCrc32, type Crc32 } from "@streambed/transport";

type NativeCrc32 = (data: Uint8Array, initial: number) => number;

/** `zlib.crc32` if this Node has it, else null; looked up on the first call, so importing this loads no node:zlib. */
let native: NativeCrc32 | null | undefined;

function findNative(): NativeCrc32 | null {
  const zlib = process.getBuiltinModule("node:zlib") as typeof Zlib & { crc32?: NativeCrc32 };
  return typeof zlib.crc32 === "function" ? zlib.crc32 : null;
}

/**
 * `zlib.crc32` (native, several GB/s; Node ≥ 20.15 / 22.2) when this Node has it, else the
 * table-driven JS CRC-32 from @streambed/transport. node:zlib is taken on the first call, not at
 * import (one built-in less on the way to a cold process's first event).
 */
export const nodeCrc32: Crc32 = (data, initial) => {
  native ??= findNative();
  return native === null ? jsCrc32(data, initial) : native(data, initial ?? 0);
};
