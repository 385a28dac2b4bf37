import type { Crc32 } from "./types.js";

/**
 * Table-driven CRC-32 (IEEE polynomial 0xEDB88320), slicing-by-16: sixteen 256-entry tables
 * (16 KiB) let the loop consume sixteen bytes per iteration (≈ 1.4× slicing-by-8 on V8). Used wherever the runtime has no native crc32 (edge,
 * browsers); Node injects `zlib.crc32`, which is several times faster.
 */
const TABLES: Int32Array = /* @__PURE__ */ buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(256 * 16);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 16; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

/** CRC-32 of `data`, continuing from `initial` (the CRC of the bytes before it), as an unsigned number. */
export const crc32: Crc32 = (data, initial = 0) => crc32Range(data, 0, data.length, initial);

/**
 * CRC-32 of bytes `[start, end)` of `data`, continuing from `initial`. Index-based so that the
 * decoder checksums small frames in place, without creating a `subarray` view per call.
 */
export function crc32Range(data: Uint8Array, start: number, end: number, initial: number): number {
  return crc32RangeI32(data, start, end, initial) >>> 0;
}

/**
 * {@link crc32Range} as a signed 32-bit number (the same bits): what the decoder compares, so that
 * no CRC becomes a heap number (see `i32`).
 */
export function crc32RangeI32(data: Uint8Array, start: number, end: number, initial: number): number {
  const t = TABLES;
  let crc = ~initial;
  let i = start;
  const end16 = end - ((end - start) & 15);
  while (i < end16) {
    const a = (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) ^ crc;
    crc =
      t[3840 + (a & 0xff)]! ^
      t[3584 + ((a >>> 8) & 0xff)]! ^
      t[3328 + ((a >>> 16) & 0xff)]! ^
      t[3072 + (a >>> 24)]! ^
      t[2816 + data[i + 4]!]! ^
      t[2560 + data[i + 5]!]! ^
      t[2304 + data[i + 6]!]! ^
      t[2048 + data[i + 7]!]! ^
      t[1792 + data[i + 8]!]! ^
      t[1536 + data[i + 9]!]! ^
      t[1280 + data[i + 10]!]! ^
      t[1024 + data[i + 11]!]! ^
      t[768 + data[i + 12]!]! ^
      t[512 + data[i + 13]!]! ^
      t[256 + data[i + 14]!]! ^
      t[data[i + 15]!]!;
    i += 16;
  }
  while (i < end) crc = t[(crc ^ data[i++]!) & 0xff]! ^ (crc >>> 8);
  return ~crc;
}
