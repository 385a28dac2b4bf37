import { crc32 as jsCrc32 } from "./crc32.js";
import type { Crc32, EventStreamHeaders, EventStreamMessage } from "./types.js";
import { encodeUtf8 } from "./utf8.js";

/** Options of {@link encodeEventStreamMessage}. */
export interface EncodeOptions {
  /** CRC-32 implementation. Default: the table-driven JS one. */
  crc32?: Crc32;
}

function uuidBytes(value: string): Uint8Array {
  const hex = value.replace(/-/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`uuid header value must be 32 hex digits, got "${value}"`);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function encodeHeaders(headers: EventStreamHeaders): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const name of Object.keys(headers)) {
    const header = headers[name]!;
    const nameBytes = encodeUtf8(name);
    if (nameBytes.length === 0 || nameBytes.length > 255) throw new RangeError(`header name "${name}" must be 1–255 bytes`);
    let value: Uint8Array;
    const view = (n: number) => {
      value = new Uint8Array(n);
      return new DataView(value.buffer);
    };
    switch (header.type) {
      case "boolean":
        value = new Uint8Array([header.value ? 0 : 1]);
        break;
      case "byte":
        view(2).setInt8(1, header.value);
        value![0] = 2;
        break;
      case "short":
        view(3).setInt16(1, header.value);
        value![0] = 3;
        break;
      case "integer":
        view(5).setInt32(1, header.value);
        value![0] = 4;
        break;
      case "long":
        view(9).setBigInt64(1, header.value);
        value![0] = 5;
        break;
      case "timestamp":
        view(9).setBigInt64(1, BigInt(header.value.getTime()));
        value![0] = 8;
        break;
      case "binary":
      case "string": {
        const bytes = header.type === "string" ? encodeUtf8(header.value) : header.value;
        if (bytes.length > 0xffff) throw new RangeError(`header "${name}" value exceeds 65535 bytes`);
        view(3 + bytes.length).setUint16(1, bytes.length);
        value![0] = header.type === "string" ? 7 : 6;
        value!.set(bytes, 3);
        break;
      }
      case "uuid":
        value = new Uint8Array(17);
        value[0] = 9;
        value.set(uuidBytes(header.value), 1);
        break;
      default:
        throw new TypeError(`unknown header type for "${name}"`);
    }
    const entry = new Uint8Array(1 + nameBytes.length + value!.length);
    entry[0] = nameBytes.length;
    entry.set(nameBytes, 1);
    entry.set(value!, 1 + nameBytes.length);
    parts.push(entry);
    size += entry.length;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Encode one event-stream frame (prelude, headers, payload, both CRCs). Used by the emulator and
 * by tests that build real frames; the inverse of the decoder.
 */
export function encodeEventStreamMessage(message: EventStreamMessage, options: EncodeOptions = {}): Uint8Array {
  const crc32 = options.crc32 ?? jsCrc32;
  const headers = encodeHeaders(message.headers);
  const total = 16 + headers.length + message.payload.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headers.length);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(headers, 12);
  out.set(message.payload, 12 + headers.length);
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}
