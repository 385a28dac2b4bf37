import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeBase64 } from "../request/base64.js";
import { decodeBase64 } from "./decode-base64.js";

describe("decodeBase64", () => {
  it("decodes what encodeBase64 and btoa produce", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        expect(encoded).toBe(btoa(String.fromCharCode(...bytes)));
        expect(decodeBase64(encoded)).toEqual(bytes);
      }),
    );
  });

  it("accepts url-safe, unpadded and wrapped input", () => {
    expect(decodeBase64("-_8")).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(decodeBase64("aGVs\nbG8")).toEqual(new TextEncoder().encode("hello"));
  });
});
