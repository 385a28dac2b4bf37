import { crc32 as jsCrc32 } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { nodeCrc32 } from "./node-crc32.js";

describe("nodeCrc32", () => {
  it("gives the JS CRC-32's value for any bytes, continued from any running value", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (const length of [0, 1, 15, 16, 17, 255, 256, 257, 4096]) {
      const data = Uint8Array.from({ length }, () => next() & 0xff);
      expect(nodeCrc32(data)).toBe(jsCrc32(data));
      const initial = next();
      expect(nodeCrc32(data, initial)).toBe(jsCrc32(data, initial));
    }
  });

  it("gives the check value of CRC-32/ISO-HDLC", () => {
    expect(nodeCrc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
});
