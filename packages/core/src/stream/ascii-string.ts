/** Bytes per `String.fromCharCode` call: well under every engine's argument limit. */
const CHUNK = 8192;

/**
 * The string of bytes `[start, end)` of `b`, every one of which the caller has checked is ASCII
 * (< 0x80): one `String.fromCharCode` call over a view of the bytes (one flat string for the
 * short texts of stream deltas), 8 KB at a time for longer ones. For short texts this is several
 * times cheaper than a `TextDecoder` call, which needs a call into the runtime.
 */
export function asciiString(b: Uint8Array, start: number, end: number): string {
  if (end - start <= CHUNK) return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  let s = "";
  for (let i = start; i < end; i += CHUNK) s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
  return s;
}
