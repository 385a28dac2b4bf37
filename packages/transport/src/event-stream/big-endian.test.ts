import { describe, expect, it } from "vitest";
import { i32, u32 } from "./big-endian.js";

describe("u32 / i32", () => {
  it("read the same big-endian bits, unsigned and signed", () => {
    const b = Uint8Array.of(0, 0xff, 0xff, 0xff, 0xfe, 0x12, 0x34, 0x56, 0x78);
    expect(u32(b, 1)).toBe(0xfffffffe);
    expect(i32(b, 1)).toBe(-2);
    expect(u32(b, 5)).toBe(0x12345678);
    expect(i32(b, 5)).toBe(0x12345678);
    expect(u32(b, 0)).toBe(0x00ffffff);
  });
});
