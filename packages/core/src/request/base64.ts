import { invalidRequest } from "./invalid-request.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** ASCII codes of the alphabet. */
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** 12-bit value → its two output characters as one 16-bit store in platform byte order (halves lookups and stores). */
const PAIRS = new Uint16Array(4096);
for (let i = 0; i < 4096; i++) {
  const first = CODES[i >> 6]!;
  const second = CODES[i & 63]!;
  PAIRS[i] = LITTLE_ENDIAN ? (second << 8) | first : (first << 8) | second;
}
const PAD = 61; // "="
const ascii = new TextDecoder();

type WithToBase64 = Uint8Array & { toBase64?: () => string };

/**
 * Standard base64 (RFC 4648 §4, padded) of `bytes`, without `Buffer`: uses the runtime's
 * `Uint8Array.prototype.toBase64` where it exists, else fills an ASCII byte array through a 12-bit
 * pair table (16-bit stores) and decodes it once with `TextDecoder` (no per-chunk string concatenation).
 */
export function encodeBase64(bytes: Uint8Array): string {
  const native = (bytes as WithToBase64).toBase64;
  if (typeof native === "function") return native.call(bytes);
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const out16 = new Uint16Array(out.buffer);
  const whole = n - (n % 3);
  let p = 0;
  for (let i = 0; i < whole; i += 3) {
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out16[p++] = PAIRS[triple >> 12]!;
    out16[p++] = PAIRS[triple & 0xfff]!;
  }
  const o = p * 2;
  const rest = n - whole;
  if (rest === 1) {
    const b = bytes[whole]!;
    out[o] = CODES[b >> 2]!;
    out[o + 1] = CODES[(b & 3) << 4]!;
    out[o + 2] = PAD;
    out[o + 3] = PAD;
  } else if (rest === 2) {
    const b = (bytes[whole]! << 8) | bytes[whole + 1]!;
    out[o] = CODES[b >> 10]!;
    out[o + 1] = CODES[(b >> 4) & 63]!;
    out[o + 2] = CODES[(b & 15) << 2]!;
    out[o + 3] = PAD;
  }
  return ascii.decode(out);
}

const STRICT = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:[^,]*;base64,/i;

/**
 * Takes a string the caller says is base64 and returns it in the form Bedrock's JSON body needs
 * (standard alphabet, padded). The common case (already canonical) costs one regex test. Also
 * accepted, and rewritten: a `data:…;base64,` prefix, line breaks / whitespace, the URL-safe
 * alphabet (`-_`) and missing padding. Anything else is an {@link InvalidRequestError} at `path`.
 */
export function normaliseBase64(data: string, path: string): string {
  let s = data;
  if (s.length % 4 === 0 && STRICT.test(s)) return nonEmpty(s, path);
  const prefix = DATA_URL.exec(s);
  if (prefix) s = s.slice(prefix[0].length);
  s = s.replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/");
  const mod = s.length % 4;
  if (mod === 2) s += "==";
  else if (mod === 3) s += "=";
  if (mod === 1 || !STRICT.test(s)) {
    invalidRequest(path, "`data` is a string but not base64. Pass the raw bytes as a Uint8Array, or a base64 string.");
  }
  return nonEmpty(s, path);
}

function nonEmpty(s: string, path: string): string {
  if (s.length === 0) invalidRequest(path, "`data` is empty. Pass the file's bytes.");
  return s;
}

/** Bytes or a base64 string → base64 for the JSON body. */
export function toBase64(data: Uint8Array | string, path: string): string {
  if (typeof data === "string") return normaliseBase64(data, path);
  if (data instanceof Uint8Array) {
    if (data.length === 0) invalidRequest(path, "`data` is empty. Pass the file's bytes.");
    return encodeBase64(data);
  }
  if ((data as unknown) instanceof ArrayBuffer) return toBase64(new Uint8Array(data as unknown as ArrayBuffer), path);
  return invalidRequest(path, "`data` must be a Uint8Array or a base64 string.");
}
