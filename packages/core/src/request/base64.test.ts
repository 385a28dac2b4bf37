import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InvalidRequestError } from "../errors/index.js";
import { encodeBase64, normaliseBase64, toBase64 } from "./base64.js";

/** Reference encoder (test only): Node's Buffer, which core itself must not use. */
const reference = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

describe("encodeBase64", () => {
  it("encodes RFC 4648 test vectors", () => {
    const enc = (s: string) => encodeBase64(new TextEncoder().encode(s));
    expect(["", "f", "fo", "foo", "foob", "fooba", "foobar"].map(enc)).toEqual(["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"]);
  });

  it("matches Buffer for any bytes, including subarray views", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(5), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(encodeBase64(view)).toBe(reference(view));
      }),
    );
  });

  it("encodes every byte value and a large buffer", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64(all)).toBe(reference(all));
    const big = new Uint8Array(1_000_003).map((_, i) => (i * 2654435761) >>> 24);
    expect(encodeBase64(big)).toBe(reference(big));
  });
});

describe("normaliseBase64", () => {
  it("returns canonical base64 unchanged", () => {
    expect(normaliseBase64("Zm9vYmE=", "p")).toBe("Zm9vYmE=");
  });

  it("strips a data URL prefix and whitespace, converts the URL-safe alphabet and pads", () => {
    expect(normaliseBase64("data:image/png;base64,Zm9v\nYmE", "p")).toBe("Zm9vYmE=");
    expect(normaliseBase64("-_-_", "p")).toBe("+/+/");
    expect(normaliseBase64("Zm9vYg", "p")).toBe("Zm9vYg==");
  });

  it("rejects strings that are not base64, naming the path", () => {
    for (const bad of ["not base64!", "abcde", "Zm9v=Ym=", "==="]) {
      const error = (() => {
        try {
          normaliseBase64(bad, "messages[0].content[1].data");
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).path).toBe("messages[0].content[1].data");
    }
  });

  it("rejects empty data", () => {
    expect(() => normaliseBase64("", "p")).toThrow(/empty/);
    expect(() => toBase64(new Uint8Array(0), "p")).toThrow(/empty/);
  });
});

describe("toBase64", () => {
  it("takes bytes, ArrayBuffers and base64 strings", () => {
    expect(toBase64(new Uint8Array([1, 2, 3]), "p")).toBe("AQID");
    expect(toBase64(new Uint8Array([1, 2, 3]).buffer as unknown as Uint8Array, "p")).toBe("AQID");
    expect(toBase64("AQID", "p")).toBe("AQID");
  });

  it("rejects anything else", () => {
    expect(() => toBase64(42 as unknown as string, "x.data")).toThrow(InvalidRequestError);
  });
});
