import { Sha256 } from "@aws-crypto/sha256-js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WebCryptoSha256 } from "./web-crypto-sha256.js";

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

describe("WebCryptoSha256", () => {
  it("hashes the FIPS 180-2 'abc' vector and the empty string", async () => {
    const abc = new WebCryptoSha256();
    abc.update("abc");
    expect(hex(await abc.digest())).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex(await new WebCryptoSha256().digest())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("computes the RFC 4231 test case 2 HMAC", async () => {
    const hmac = new WebCryptoSha256("Jefe");
    hmac.update("what do ya want ");
    hmac.update("for nothing?");
    expect(hex(await hmac.digest())).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("equals @aws-crypto/sha256-js for random keys, chunks and offset views", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.uint8Array({ maxLength: 100 }), { nil: undefined }),
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }),
        async (secret, chunks) => {
          const ours = new WebCryptoSha256(secret);
          const theirs = new Sha256(secret);
          for (const chunk of chunks) {
            const padded = new Uint8Array(chunk.byteLength + 3);
            padded.set(chunk, 2);
            ours.update(padded.subarray(2, 2 + chunk.byteLength));
            theirs.update(chunk);
          }
          expect(hex(await ours.digest())).toBe(hex(await theirs.digest()));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("WebCryptoSha256 HMAC keys", () => {
  it("imports a secret object's key once, and again when the same buffer holds new bytes", async () => {
    const subtle = globalThis.crypto.subtle;
    const imported: unknown[] = [];
    const importKey = subtle.importKey.bind(subtle);
    const spy = {
      importKey: (...args: Parameters<SubtleCrypto["importKey"]>) => (imported.push(args[1]), importKey(...args)),
      sign: subtle.sign.bind(subtle),
      digest: subtle.digest.bind(subtle),
    } as unknown as SubtleCrypto;
    const real = globalThis.crypto;
    Object.defineProperty(globalThis, "crypto", { value: { subtle: spy }, configurable: true });
    try {
      const secret = new Uint8Array(32).fill(1);
      const mac = async (key: Uint8Array) => {
        const h = new WebCryptoSha256(key);
        h.update("message");
        return hex(await h.digest());
      };
      const first = await mac(secret);
      expect(await mac(secret)).toBe(first);
      expect(imported).toHaveLength(1);
      secret.fill(2);
      const changed = await mac(secret);
      expect(imported).toHaveLength(2);
      const reference = new Sha256(new Uint8Array(32).fill(2));
      reference.update(new TextEncoder().encode("message"));
      expect(changed).toBe(hex(await reference.digest()));
    } finally {
      Object.defineProperty(globalThis, "crypto", { value: real, configurable: true });
    }
  });
});
