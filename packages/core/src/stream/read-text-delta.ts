import { utf8Decoder } from "@streambed/transport";
import { asciiString } from "./ascii-string.js";

// `{"contentBlockIndex":` and `,"delta":{"text":"` as bytes.
const HEAD = /* @__PURE__ */ bytes('{"contentBlockIndex":');
const DELTA = /* @__PURE__ */ bytes(',"delta":{"text":"');
const PAD = /* @__PURE__ */ bytes(',"p":"');

function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function matches(b: Uint8Array, at: number, end: number, what: Uint8Array): boolean {
  if (at + what.length > end) return false;
  for (let k = 0; k < what.length; k++) if (b[at + k] !== what[k]) return false;
  return true;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = 0x7d;

/**
 * Reads the commonest ConverseStream payload, a text delta, without `JSON.parse`:
 * `{"contentBlockIndex":N,"delta":{"text":"…"}}`, optionally followed by Bedrock's padding
 * `,"p":"…"` before the last brace, exactly as Bedrock writes it (no whitespace, this key order).
 *
 * `read` returns the text (and sets `index`) only when the bytes have exactly that shape, so the
 * result always equals what `JSON.parse` gives; anything else (another event shape, another key
 * order, whitespace, a padding value with an escape) returns `undefined` and the caller parses the
 * payload in full. Escapes inside the text are decoded by `JSON.parse` of just the string.
 */
export class TextDeltaReader {
  /** `contentBlockIndex` of the last delta `read` returned. */
  index = 0;

  /** The text of the payload `b[start, end)` (default: all of `b`) when it is a plain text delta, else undefined. */
  read(b: Uint8Array, start = 0, end = b.length): string | undefined {
    if (!matches(b, start, end, HEAD)) return undefined;
    let i = start + HEAD.length;
    // contentBlockIndex: 0 or [1-9][0-9]{0,8}
    let index = 0;
    const first = i;
    while (i < end && i - first < 9) {
      const c = b[i]!;
      if (c < 0x30 || c > 0x39) break;
      index = index * 10 + (c - 0x30);
      i++;
    }
    if (i === first || (b[first] === 0x30 && i - first > 1)) return undefined;
    if (!matches(b, i, end, DELTA)) return undefined;
    i += DELTA.length;
    const textStart = i;
    let escaped = false;
    let high = 0;
    for (;;) {
      if (i >= end) return undefined;
      const c = b[i]!;
      high |= c;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        i += 2;
      } else if (c < 0x20) {
        return undefined; // raw control character: invalid JSON, let JSON.parse report it
      } else i++;
    }
    const textEnd = i;
    // `"}` closes the text and the delta object; then `}` or `,"p":"…"}` ends the payload.
    i++;
    if (i >= end || b[i] !== CLOSE) return undefined;
    i++;
    if (!(i === end - 1 && b[i] === CLOSE)) {
      if (!matches(b, i, end, PAD)) return undefined;
      i += PAD.length;
      while (i < end && b[i] !== QUOTE && b[i] !== BACKSLASH && b[i]! >= 0x20) i++;
      if (!(i === end - 2 && b[i] === QUOTE && b[i + 1] === CLOSE)) return undefined;
    }
    let text: string;
    if (escaped) {
      try {
        text = JSON.parse(utf8Decoder().decode(b.subarray(textStart - 1, textEnd + 1))) as string;
      } catch {
        return undefined;
      }
    } else if (high < 0x80) {
      // ASCII (most deltas): built in place, no view and no TextDecoder call. A delta over 8 bytes
      // is a short rope of 8-byte pieces; the message text joins deltas in batches (GrowingText),
      // which flattens them, so the per-character-rope cost of a char-by-char loop does not arise.
      text = asciiString(b, textStart, textEnd);
    } else {
      text = utf8Decoder().decode(b.subarray(textStart, textEnd));
    }
    this.index = index;
    return text;
  }
}
