import { createHash, createHmac } from "node:crypto";
import { signRequest } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { NodeSha256 } from "./node-sha256.js";

describe("NodeSha256", () => {
  it("hashHex is the body's SHA-256 in hex", () => {
    for (const data of [new Uint8Array(0), new TextEncoder().encode('{"messages":[]}'), new Uint8Array(70_000).fill(7)]) {
      expect(NodeSha256.hashHex(data)).toBe(createHash("sha256").update(data).digest("hex"));
    }
    expect(NodeSha256.hashHex(new Uint8Array(0))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("hashes and HMACs what it was given, in one update or several, bytes or text", async () => {
    const bytes = new TextEncoder().encode("GET\n/model/m/converse\n\nhost:example.com");
    const hex = async (h: NodeSha256) => Buffer.from(await h.digest()).toString("hex");
    const one = new NodeSha256();
    one.update(bytes);
    expect(await hex(one)).toBe(createHash("sha256").update(bytes).digest("hex"));
    const several = new NodeSha256();
    several.update(bytes.subarray(0, 5));
    several.update("tail");
    several.update(bytes.subarray(5));
    expect(await hex(several)).toBe(createHash("sha256").update(bytes.subarray(0, 5)).update("tail").update(bytes.subarray(5)).digest("hex"));
    expect(await hex(new NodeSha256())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const key = new Uint8Array([1, 2, 3, 4]);
    const mac = new NodeSha256(key);
    mac.update(bytes);
    expect(await hex(mac)).toBe(createHmac("sha256", key).update(bytes).digest("hex"));
  });

  it("signs exactly as WebCrypto does (hashHex for the body, HMACs through the class)", async () => {
    const request = {
      method: "POST" as const,
      url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse-stream",
      headers: { "content-type": "application/json" },
      body: new TextEncoder().encode('{"messages":[]}'),
    };
    const options = { credentials: { accessKeyId: "AKIDEXAMPLE12345", secretAccessKey: "s3cr3t" }, region: "us-east-1", now: () => new Date("2026-01-02T03:04:05Z") };
    const node = await signRequest(request, { ...options, sha256: NodeSha256 });
    expect(node.headers).toEqual((await signRequest(request, options)).headers);
  });
});

describe("NodeSha256 HMAC (two one-shot hashes over pads made once per key)", () => {
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
  const bytesOf = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
  const mac = async (key: string | Uint8Array | ArrayBuffer | ArrayBufferView, ...messages: Array<string | Uint8Array>) => {
    const h = new NodeSha256(key);
    for (const m of messages) h.update(m);
    return hex(await h.digest());
  };

  it("gives createHmac's bytes for keys shorter than, as long as and longer than the block, as strings and bytes", async () => {
    for (const length of [0, 1, 32, 44, 63, 64, 65, 200]) {
      for (const key of [bytesOf(length, length), "k".repeat(length)]) {
        for (const message of [new Uint8Array(0), bytesOf(1, 7), bytesOf(500, 3)]) {
          expect(await mac(key, message)).toBe(createHmac("sha256", key).update(message).digest("hex"));
        }
      }
    }
  });

  it("joins several updates, text or bytes; takes ArrayBuffer and other views as keys", async () => {
    const key = bytesOf(32, 1);
    const want = createHmac("sha256", key).update(bytesOf(10, 2)).update("text é").update(bytesOf(90, 3)).digest("hex");
    expect(await mac(new DataView(key.buffer), bytesOf(10, 2), "text é", bytesOf(90, 3))).toBe(want);
    expect(await mac(key.slice().buffer, bytesOf(10, 2), "text é", bytesOf(90, 3))).toBe(want);
  });

  it("a key buffer reused with new contents gets new pads", async () => {
    const key = bytesOf(32, 1);
    expect(await mac(key, bytesOf(5, 5))).toBe(createHmac("sha256", key).update(bytesOf(5, 5)).digest("hex"));
    key.fill(9);
    expect(await mac(key, bytesOf(5, 5))).toBe(createHmac("sha256", key).update(bytesOf(5, 5)).digest("hex"));
  });
});
