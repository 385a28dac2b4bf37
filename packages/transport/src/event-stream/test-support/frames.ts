import { crc32 } from "../crc32.js";
import { encodeEventStreamMessage } from "../encode-event-stream-message.js";
import type { EventStreamHeaders } from "../types.js";

/** A 12-byte prelude with the given lengths and a correct prelude CRC. */
export function prelude(total: number, headersLength: number): Uint8Array {
  const b = new Uint8Array(12);
  const view = new DataView(b.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headersLength);
  view.setUint32(8, crc32(b.subarray(0, 8)));
  return b;
}

/** A frame around arbitrary header-section bytes (valid or not), with both CRCs correct. */
export function rawFrame(headerBytes: Uint8Array, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const total = 16 + headerBytes.length + payload.length;
  const out = new Uint8Array(total);
  out.set(prelude(total, headerBytes.length));
  out.set(headerBytes, 12);
  out.set(payload, 12 + headerBytes.length);
  new DataView(out.buffer).setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}

/** A ConverseStream-like event frame. */
export function eventFrame(eventType: string, body: unknown, extra: EventStreamHeaders = {}): Uint8Array {
  return encodeEventStreamMessage({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
      ...extra,
    },
    payload: new TextEncoder().encode(JSON.stringify(body)),
  });
}

/** Flip one bit of a copy of `bytes`. */
export function flipBit(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= 1 << bit;
  return copy;
}
