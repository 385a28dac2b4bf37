import { createHash } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { describe, expect, it, vi } from "vitest";
import { forgetSigningKeys, signerFor } from "./signer-cache.js";
import { WebCryptoSha256 } from "./web-crypto-sha256.js";

const KEYS = { accessKeyId: "AKIDEXAMPLE12345", secretAccessKey: "s3cr3t/KEY+value", sessionToken: "session-token-value" };
const toSign = () => ({
  method: "POST",
  protocol: "https:",
  hostname: "bedrock-runtime.us-west-2.amazonaws.com",
  path: "/model/m/converse-stream",
  query: {},
  headers: { host: "bedrock-runtime.us-west-2.amazonaws.com", "content-type": "application/json" },
  body: new TextEncoder().encode("{}"),
});

/** What a fresh smithy signer (no cache at all) gives. */
async function fresh(keys: typeof KEYS | Omit<typeof KEYS, "sessionToken">, date: Date, region = "us-west-2"): Promise<string> {
  const signer = new SignatureV4({ service: "bedrock", region, credentials: keys, sha256: Sha256 });
  return (await signer.sign(toSign(), { signingDate: date })).headers.authorization!;
}

describe("signerFor", () => {
  it("reuses one signer for the same keys, region, service and SHA-256; another for any difference", () => {
    const a = signerFor(KEYS, "us-west-2", "bedrock", Sha256);
    expect(signerFor({ ...KEYS }, "us-west-2", "bedrock", Sha256)).toBe(a);
    expect(signerFor({ ...KEYS, secretAccessKey: "other" }, "us-west-2", "bedrock", Sha256)).not.toBe(a);
    expect(signerFor({ ...KEYS, sessionToken: "other" }, "us-west-2", "bedrock", Sha256)).not.toBe(a);
    expect(signerFor({ accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey }, "us-west-2", "bedrock", Sha256)).not.toBe(a);
    expect(signerFor(KEYS, "us-east-1", "bedrock", Sha256)).not.toBe(a);
    expect(signerFor(KEYS, "us-west-2", "bedrock-runtime", Sha256)).not.toBe(a);
    expect(signerFor(KEYS, "us-west-2", "bedrock", WebCryptoSha256)).not.toBe(a);
  });

  it("signs exactly as a fresh signer, day after day (the cached signing key follows the date)", async () => {
    const signer = signerFor(KEYS, "us-west-2", "bedrock", Sha256);
    for (const day of ["2026-01-02T03:04:05Z", "2026-01-02T23:59:59Z", "2026-01-03T00:00:01Z", "2026-01-04T12:00:00Z", "2026-01-02T10:00:00Z"]) {
      const date = new Date(day);
      const signed = await signer.sign(toSign(), { signingDate: date, signingRegion: "us-west-2", signingService: "bedrock" });
      expect(signed.headers.authorization).toBe(await fresh(KEYS, date));
    }
  });

  it("derives the signing key once per day (smithy's own cache would hash the secret on every request)", async () => {
    const signer = signerFor({ ...KEYS, accessKeyId: "AKIDCOUNTING00001" }, "us-west-2", "bedrock", Sha256);
    const constructed = vi.fn();
    const hashedSecret = vi.fn();
    class Counting extends Sha256 {
      constructor(secret?: Parameters<typeof Sha256.prototype.update>[0]) {
        super(secret as never);
        if (typeof secret === "string" && secret.startsWith("AWS4")) constructed();
        if (secret === KEYS.secretAccessKey) hashedSecret();
      }
    }
    const counting = signerFor({ ...KEYS, accessKeyId: "AKIDCOUNTING00001" }, "us-west-2", "bedrock", Counting);
    expect(counting).not.toBe(signer);
    const date = new Date("2026-03-04T05:06:07Z");
    for (let i = 0; i < 3; i++) await counting.sign(toSign(), { signingDate: date, signingRegion: "us-west-2", signingService: "bedrock" });
    expect(constructed).toHaveBeenCalledTimes(1);
    expect(hashedSecret).toHaveBeenCalledTimes(1);
    await counting.sign(toSign(), { signingDate: new Date("2026-03-05T00:00:00Z"), signingRegion: "us-west-2", signingService: "bedrock" });
    expect(constructed).toHaveBeenCalledTimes(2);
  });
});

describe("signerFor with a SHA-256 that has hashHex", () => {
  it("hashes each canonical request in one hashHex call and signs exactly as a fresh signer", async () => {
    const hashed: string[] = [];
    class HexSha256 extends Sha256 {
      static hashHex(data: Uint8Array): string {
        hashed.push(new TextDecoder().decode(data));
        return createHash("sha256").update(data).digest("hex");
      }
    }
    const signer = signerFor({ ...KEYS, accessKeyId: "AKIDHASHHEX000001" }, "us-west-2", "bedrock", HexSha256);
    for (const day of ["2026-01-02T03:04:05Z", "2026-01-03T00:00:01Z"]) {
      const date = new Date(day);
      const signed = await signer.sign(toSign(), { signingDate: date, signingRegion: "us-west-2", signingService: "bedrock" });
      expect(signed.headers.authorization).toBe(await fresh({ ...KEYS, accessKeyId: "AKIDHASHHEX000001" }, date));
    }
    expect(hashed).toHaveLength(2);
    expect(hashed[0]).toMatch(/^POST\n\/model\/m\/converse-stream\n\ncontent-type:application\/json\n/);
  });
});

describe("forgetSigningKeys", () => {
  it("drops every signer kept for one access key id (any region, token or hash), and only those", () => {
    const keys = { ...KEYS, accessKeyId: "AKIDFORGET0000001" };
    const other = { ...KEYS, accessKeyId: "AKIDKEPT000000002" };
    const a = signerFor(keys, "us-west-2", "bedrock", Sha256);
    const b = signerFor({ ...keys, sessionToken: "refreshed" }, "eu-west-1", "bedrock", WebCryptoSha256);
    const kept = signerFor(other, "us-west-2", "bedrock", Sha256);
    expect(forgetSigningKeys(keys.accessKeyId)).toBe(2);
    expect(forgetSigningKeys(keys.accessKeyId)).toBe(0);
    // Asked again, the same keys get new signers; the other keys' signer was never dropped.
    expect(signerFor(keys, "us-west-2", "bedrock", Sha256)).not.toBe(a);
    expect(signerFor({ ...keys, sessionToken: "refreshed" }, "eu-west-1", "bedrock", WebCryptoSha256)).not.toBe(b);
    expect(signerFor(other, "us-west-2", "bedrock", Sha256)).toBe(kept);
  });
});
