/** Longest text made by one `String.fromCharCode` call over a reused argument array. */
const MAX_ARGS = 64;
/** One argument array per length (1 … {@link MAX_ARGS}), reused: nothing allocated per call but the string. */
const args: number[][] = Array.from({ length: MAX_ARGS + 1 }, (_, n) => new Array<number>(n).fill(0));

/**
 * The string of bytes `[start, end)` of `b`, every one of which the caller has checked is ASCII
 * (< 0x80): one `String.fromCharCode` call over a reused array of the bytes, so the short texts of
 * stream deltas are one flat string; longer texts take {@link MAX_ARGS} bytes at a time. For short
 * texts this is several times cheaper than a `TextDecoder` call, which needs a call into the runtime.
 */
export function asciiString(b: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; ) {
    const a = args[Math.min(end - i, MAX_ARGS)]!;
    for (let k = 0; k < a.length; k++) a[k] = b[i++]!;
    s += String.fromCharCode.apply(null, a);
  }
  return s;
}
