const decoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: false });
const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Decode UTF-8 bytes `[start, end)` of `bytes`. Short ASCII strings (header names and most header
 * values) skip the TextDecoder call, which costs more than the decoding itself at that size.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len <= 48) {
    let s = "";
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}

/** UTF-8 bytes of `text`. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The one shared TextDecoder, for callers that decode payloads (JSON) themselves. */
export function utf8Decoder(): TextDecoder {
  return decoder;
}
