import { describe, expect, it } from "vitest";
import { asciiString } from "./ascii-string.js";

describe("asciiString", () => {
  it("equals TextDecoder on every ASCII length 0–80 at any offset", () => {
    const bytes = Uint8Array.from({ length: 96 }, (_, i) => 0x20 + ((i * 37) % 0x5f));
    const decoder = new TextDecoder();
    for (let start = 0; start < 8; start++) {
      for (let n = 0; n <= 80; n++) {
        expect(asciiString(bytes, start, start + n)).toBe(decoder.decode(bytes.subarray(start, start + n)));
      }
    }
  });

  it("keeps control characters and DEL (the caller decides what is valid)", () => {
    expect(asciiString(Uint8Array.of(0, 9, 10, 0x7f, 0x41), 0, 5)).toBe("\u0000\t\n\u007fA");
  });
});

describe("asciiString over long texts", () => {
  it("equals TextDecoder over many calls' chunks (64 bytes each) at an offset", () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => 0x20 + ((i * 37) % 0x5f));
    const decoder = new TextDecoder();
    for (const [start, end] of [[3, 8195], [3, 8196], [1, 19_999], [0, 16_384]] as const) {
      expect(asciiString(bytes, start, end)).toBe(decoder.decode(bytes.subarray(start, end)));
    }
  });
});
