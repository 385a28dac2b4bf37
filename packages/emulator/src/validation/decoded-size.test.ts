import { describe, expect, it } from "vitest";
import { decodedSize } from "./decoded-size.js";

const b64 = (bytes: number) => btoa(String.fromCharCode(...Array.from({ length: bytes }, (_, i) => i % 256)));

describe("decodedSize", () => {
  it("counts the bytes a base64 string decodes to, padding and whitespace included", () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 1000]) expect(decodedSize(b64(n))).toBe(n);
    expect(decodedSize(`${b64(5)}\n`)).toBe(5);
    expect(decodedSize("QUJD\r\nREVG")).toBe(6);
  });
});
