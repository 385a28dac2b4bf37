import { describe, expect, it } from "vitest";
import { decodeHeaders } from "./decode-headers.js";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { HeaderBlockCache } from "./header-block-cache.js";
import type { EventStreamHeaders } from "./types.js";

/** The header section bytes of a frame carrying `headers`. */
function section(headers: EventStreamHeaders): Uint8Array {
  const frame = encodeEventStreamMessage({ headers, payload: new Uint8Array(0) });
  const length = new DataView(frame.buffer, frame.byteOffset).getUint32(4);
  return frame.slice(12, 12 + length);
}

/** `bytes` placed at `at` in a larger buffer. */
function inside(bytes: Uint8Array, at: number): Uint8Array {
  const out = new Uint8Array(at + bytes.length + 5).fill(0xaa);
  out.set(bytes, at);
  return out;
}

function decodeOrError(fn: () => EventStreamHeaders): unknown {
  try {
    return fn();
  } catch (error) {
    return (error as Error).constructor;
  }
}

const HEADERS: EventStreamHeaders = {
  ":event-type": { type: "string", value: "contentBlockDelta" },
  ":content-type": { type: "string", value: "application/json" },
  ":message-type": { type: "string", value: "event" },
};

describe("HeaderBlockCache", () => {
  it("treats a section as a repeat only when every byte is equal: one byte changed anywhere decodes afresh", () => {
    const base = section(HEADERS);
    for (let k = 0; k < base.length; k++) {
      for (const at of [0, 1, 3]) {
        const cache = new HeaderBlockCache({ share: true });
        const shared = new Uint8Array(base.length + 8);
        shared.set(base, at);
        expect(cache.decode(shared, at, at + base.length)).toEqual(HEADERS);
        const changed = base.slice();
        changed[k] = changed[k]! ^ 0x01;
        // In the same array (its view reused) and in a new one.
        const same = shared;
        same.set(changed, at);
        const want = decodeOrError(() => decodeHeaders(changed, 0, changed.length));
        expect(decodeOrError(() => cache.decode(same, at, at + changed.length))).toEqual(want);
        const fresh = new HeaderBlockCache();
        fresh.decode(inside(base, at), at, at + base.length);
        expect(decodeOrError(() => fresh.decode(inside(changed, at + 2), at + 2, at + 2 + changed.length))).toEqual(want);
      }
    }
  });

  it("repeats of a section of every length 1–12 (the bytes past the last whole word) are recognised and compared", () => {
    for (let n = 1; n <= 12; n++) {
      const headers: EventStreamHeaders = { ["x".repeat(n)]: { type: "boolean", value: true } };
      const bytes = section(headers);
      const cache = new HeaderBlockCache({ share: true });
      const first = cache.decode(bytes, 0, bytes.length);
      expect(first).toEqual(headers);
      const again = cache.decode(inside(bytes, 1), 1, 1 + bytes.length);
      expect(again).toEqual(headers);
      expect(Object.isFrozen(again)).toBe(true);
      const other = bytes.slice();
      other[bytes.length - 2] = 0x79; // last name byte: "x" → "y"
      expect(cache.decode(other, 0, other.length)).toEqual({ ["x".repeat(n - 1) + "y"]: { type: "boolean", value: true } });
    }
  });

  it("shares a section across caches made with share (one frozen object per realm), but not one holding a timestamp", () => {
    const bytes = section({ ...HEADERS, ":event-type": { type: "string", value: "shared-across-caches" } });
    const a = new HeaderBlockCache({ share: true }).decode(bytes, 0, bytes.length);
    const b = new HeaderBlockCache({ share: true }).decode(inside(bytes, 3), 3, 3 + bytes.length);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(new HeaderBlockCache().decode(bytes, 0, bytes.length)).not.toBe(a);
    const stamped = section({ when: { type: "timestamp", value: new Date(1_700_000_000_000) } });
    const one = new HeaderBlockCache({ share: true });
    const first = one.decode(stamped, 0, stamped.length);
    const second = one.decode(stamped, 0, stamped.length);
    const other = new HeaderBlockCache({ share: true }).decode(stamped, 0, stamped.length);
    expect(second).toEqual(first);
    expect(other).toEqual(first);
    expect(other).not.toBe(second);
    expect(other.when!.value).not.toBe((second.when as { value: Date }).value);
  });

  it("keeps recognising sections after more distinct ones than it shares have come and gone", () => {
    const cache = new HeaderBlockCache({ share: true });
    for (let k = 0; k < 40; k++) {
      const headers: EventStreamHeaders = { ":event-type": { type: "string", value: `type-${k}` } };
      const bytes = section(headers);
      expect(cache.decode(bytes, 0, bytes.length)).toEqual(headers);
      expect(cache.decode(inside(bytes, 2), 2, 2 + bytes.length)).toEqual(headers);
    }
  });
});
