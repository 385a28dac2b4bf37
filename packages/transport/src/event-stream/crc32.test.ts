import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32, crc32Range, crc32RangeI32 } from "./crc32.js";

describe("crc32 (table-driven JS)", () => {
  it("matches the standard check value and the empty input", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new Uint8Array(0), 0x1234)).toBe(0x1234);
  });

  it("equals node:zlib crc32 on random data of every length class", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 0, max: 0xffffffff }), (data, seed) => {
        expect(crc32(data)).toBe(zlibCrc32(data));
        expect(crc32(data, seed)).toBe(zlibCrc32(data, seed));
      }),
      { numRuns: 500 },
    );
  });

  it("continues a running CRC: crc(a ++ b) = crc(b, crc(a))", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const whole = new Uint8Array(a.length + b.length);
        whole.set(a);
        whole.set(b, a.length);
        expect(crc32(b, crc32(a))).toBe(zlibCrc32(whole));
      }),
    );
  });

  it("crc32Range checksums a window of a larger buffer in place", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.nat(), fc.nat(), (data, x, y) => {
        const start = x % (data.length + 1);
        const end = start + (y % (data.length - start + 1));
        expect(crc32Range(data, start, end, 0)).toBe(zlibCrc32(data.subarray(start, end)));
      }),
    );
  });

  it("handles a 1 MiB buffer at an odd offset", () => {
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    expect(crc32(big.subarray(3))).toBe(zlibCrc32(big.subarray(3)));
  });
});

describe("crc32RangeI32", () => {
  it("has the bits of crc32Range, as a signed number, with signed or unsigned seeds", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 0, max: 0xffffffff }), (data, seed) => {
        const unsigned = crc32Range(data, 0, data.length, seed);
        expect(crc32RangeI32(data, 0, data.length, seed)).toBe(unsigned | 0);
        expect(crc32RangeI32(data, 0, data.length, seed | 0)).toBe(unsigned | 0);
      }),
      { numRuns: 300 },
    );
  });
});
