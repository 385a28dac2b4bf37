import { createHash } from "node:crypto";
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
