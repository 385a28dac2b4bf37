import { EventStreamDecodeError } from "../errors/transport-errors.js";
import type { EventStreamHeaders, EventStreamHeaderValue } from "./types.js";
import { internHeaderString } from "./intern-header-string.js";
import { u32 } from "./big-endian.js";

const HEX: string[] = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function malformed(what: string): EventStreamDecodeError {
  return new EventStreamDecodeError("header-malformed", `Malformed event-stream headers: ${what}.`);
}

function u16(b: Uint8Array, i: number): number {
  return (b[i]! << 8) | b[i + 1]!;
}

function i64(b: Uint8Array, i: number): bigint {
  return new DataView(b.buffer, b.byteOffset + i, 8).getBigInt64(0);
}

function uuid(b: Uint8Array, i: number): string {
  let s = "";
  for (let k = 0; k < 16; k++) {
    if (k === 4 || k === 6 || k === 8 || k === 10) s += "-";
    s += HEX[b[i + k]!];
  }
  return s;
}

/**
 * Decode the headers section `[start, end)` of a frame. Every read is bounds-checked against
 * `end`, so a corrupt length can never read into the payload or past the buffer.
 */
export function decodeHeaders(b: Uint8Array, start: number, end: number): EventStreamHeaders {
  const headers: EventStreamHeaders = {};
  let i = start;
  while (i < end) {
    const nameLen = b[i++]!;
    if (nameLen === 0 || i + nameLen + 1 > end) throw malformed("header name runs past the headers section");
    const name = internHeaderString(b, i, i + nameLen);
    i += nameLen;
    const type = b[i++]!;
    let value: EventStreamHeaderValue;
    switch (type) {
      case 0:
        value = { type: "boolean", value: true };
        break;
      case 1:
        value = { type: "boolean", value: false };
        break;
      case 2:
        if (i + 1 > end) throw malformed(`byte header "${name}" is truncated`);
        value = { type: "byte", value: (b[i]! << 24) >> 24 };
        i += 1;
        break;
      case 3:
        if (i + 2 > end) throw malformed(`short header "${name}" is truncated`);
        value = { type: "short", value: (u16(b, i) << 16) >> 16 };
        i += 2;
        break;
      case 4:
        if (i + 4 > end) throw malformed(`integer header "${name}" is truncated`);
        value = { type: "integer", value: (b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]! };
        i += 4;
        break;
      case 5:
        if (i + 8 > end) throw malformed(`long header "${name}" is truncated`);
        value = { type: "long", value: i64(b, i) };
        i += 8;
        break;
      case 6:
      case 7: {
        if (i + 2 > end) throw malformed(`length of header "${name}" is truncated`);
        const len = u16(b, i);
        i += 2;
        if (i + len > end) throw malformed(`value of header "${name}" runs past the headers section`);
        value =
          type === 6
            ? { type: "binary", value: b.subarray(i, i + len) }
            : { type: "string", value: internHeaderString(b, i, i + len) };
        i += len;
        break;
      }
      case 8:
        if (i + 8 > end) throw malformed(`timestamp header "${name}" is truncated`);
        // Milliseconds as a Number: exact for every valid Date (|ms| ≤ 8.64e15 < 2^53).
        value = { type: "timestamp", value: new Date(((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) * 4294967296 + u32(b, i + 4)) };
        i += 8;
        break;
      case 9:
        if (i + 16 > end) throw malformed(`uuid header "${name}" is truncated`);
        value = { type: "uuid", value: uuid(b, i) };
        i += 16;
        break;
      default:
        throw new EventStreamDecodeError("header-type", `Unknown event-stream header type ${type} for header "${name}".`);
    }
    if (name === "__proto__") Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
    else headers[name] = value;
  }
  return headers;
}
