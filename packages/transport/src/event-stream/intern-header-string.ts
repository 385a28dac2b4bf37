import { decodeUtf8 } from "./utf8.js";

/** Strings longer than this are decoded every time (they are rarely repeated). */
const MAX_INTERNED = 64;
/** Number of cache slots (a power of two). */
const SLOTS = 256;

// A direct-mapped cache from bytes to the decoded string. Header names and most header values
// (":event-type", "contentBlockDelta", "application/json", "event") repeat on every frame of a
// stream; hashing and comparing their bytes costs far less than building a new string each time.
// Module-level and bounded (SLOTS × MAX_INTERNED bytes); strings are immutable, so sharing is safe.
const keyBytes = /* @__PURE__ */ new Uint8Array(SLOTS * MAX_INTERNED);
const keyLengths = /* @__PURE__ */ new Int32Array(SLOTS).fill(-1);
const values: string[] = /* @__PURE__ */ new Array<string>(SLOTS).fill("");

/** Decode the UTF-8 header name or value at `[start, end)`, reusing the string of an earlier identical one. */
export function internHeaderString(b: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len > MAX_INTERNED) return decodeUtf8(b, start, end);
  let h = len | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  const slot = (h ^ (h >>> 16)) & (SLOTS - 1);
  const base = slot * MAX_INTERNED;
  if (keyLengths[slot] === len) {
    let i = 0;
    while (i < len && keyBytes[base + i] === b[start + i]) i++;
    if (i === len) return values[slot]!;
  }
  const s = decodeUtf8(b, start, end);
  for (let i = 0; i < len; i++) keyBytes[base + i] = b[start + i]!;
  keyLengths[slot] = len;
  values[slot] = s;
  return s;
}
