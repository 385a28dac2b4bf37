import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256-hex.js";

describe("sha256Hex", () => {
  it("answers synchronously on Node, with the FIPS 180-2 digest, as Web Crypto does", async () => {
    const abc = sha256Hex("abc");
    expect(abc).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const key = "sk-sb-ÄçЖ漢字🔑";
    const web = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
    expect(sha256Hex(key)).toBe(Array.from(web, (b) => b.toString(16).padStart(2, "0")).join(""));
  });
});
