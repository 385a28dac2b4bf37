const f = String.fromCharCode;

/**
 * The string of bytes `[start, end)` of `b`, every one of which the caller has checked is ASCII
 * (< 0x80), built with `String.fromCharCode` eight bytes at a time. For the short texts of stream
 * deltas this is several times cheaper than a `TextDecoder` call, which needs a view of the bytes
 * and a call into the runtime.
 */
export function asciiString(b: Uint8Array, start: number, end: number): string {
  let s = "";
  let i = start;
  while (end - i >= 8) {
    s += f(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    i += 8;
  }
  switch (end - i) {
    case 0:
      return s;
    case 1:
      return s + f(b[i]!);
    case 2:
      return s + f(b[i]!, b[i + 1]!);
    case 3:
      return s + f(b[i]!, b[i + 1]!, b[i + 2]!);
    case 4:
      return s + f(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    case 5:
      return s + f(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!);
    case 6:
      return s + f(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!);
    default:
      return s + f(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!);
  }
}
