import { Sha256 } from "@aws-crypto/sha256-js";
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { hmacByHash } from "./hmac-by-hash.js";

const hashHex = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const bytesOf = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe("hmacByHash", () => {
  const Hmac = hmacByHash(Object.assign(class extends Sha256 {}, { hashHex }));

  it("gives createHmac's bytes for keys shorter than, as long as and longer than the block, as strings and bytes", async () => {
    for (const length of [0, 1, 32, 44, 63, 64, 65, 200]) {
      for (const key of [bytesOf(length, length), "k".repeat(length)]) {
        for (const message of [new Uint8Array(0), bytesOf(1, 7), bytesOf(500, 3)]) {
          const h = new Hmac(key);
          h.update(message);
          expect(hex(await h.digest())).toBe(createHmac("sha256", key).update(message).digest("hex"));
        }
      }
    }
  });

  it("joins several updates; takes ArrayBuffer and other views as keys", async () => {
    const key = bytesOf(32, 1);
    const h = new Hmac(new DataView(key.buffer));
    h.update(bytesOf(10, 2));
    h.update(bytesOf(90, 3));
    const want = createHmac("sha256", key).update(bytesOf(10, 2)).update(bytesOf(90, 3)).digest("hex");
    expect(hex(await h.digest())).toBe(want);
    const fromBuffer = new Hmac(key.slice().buffer);
    fromBuffer.update(bytesOf(10, 2));
    fromBuffer.update(bytesOf(90, 3));
    expect(hex(await fromBuffer.digest())).toBe(want);
  });

  it("a key buffer reused with new contents gets new pads", async () => {
    const key = bytesOf(32, 1);
    const first = new Hmac(key);
    first.update(bytesOf(5, 5));
    expect(hex(await first.digest())).toBe(createHmac("sha256", key).update(bytesOf(5, 5)).digest("hex"));
    key.fill(9);
    const second = new Hmac(key);
    second.update(bytesOf(5, 5));
    expect(hex(await second.digest())).toBe(createHmac("sha256", key).update(bytesOf(5, 5)).digest("hex"));
  });

  it("plain SHA-256 (no secret) is the given class's, and hashHex stays on the constructor", async () => {
    const digest = vi.fn(async () => new Uint8Array([1, 2, 3]));
    const Given = Object.assign(
      class {
        update(): void {}
        digest = digest;
      },
      { hashHex },
    );
    const Wrapped = hmacByHash(Given);
    const h = new Wrapped();
    h.update(bytesOf(3, 3));
    expect(await h.digest()).toEqual(new Uint8Array([1, 2, 3]));
    expect(digest).toHaveBeenCalledTimes(1);
    expect(Wrapped.hashHex).toBe(hashHex);
  });
});
