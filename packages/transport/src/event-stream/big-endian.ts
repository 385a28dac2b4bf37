/** The big-endian unsigned 32-bit field at `b[i, i + 4)` (lengths). */
export function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
}

/**
 * The same field as a signed 32-bit number (the same bits): for checksums, which are only
 * compared. Half of all CRCs are ≥ 2^31; as unsigned numbers they do not fit a small integer, so
 * each one passed or returned across a call was a heap number (16 bytes) per frame.
 */
export function i32(b: Uint8Array, i: number): number {
  return (b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!;
}
