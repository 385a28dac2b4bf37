import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { HttpRequest } from "../transport.js";
import { bedrockModelPath } from "./bedrock-model-path.js";
import { signRequest } from "./sign-request.js";
import { SigningError } from "./signing-error.js";

const NOW = new Date("2026-01-02T03:04:05Z");
const KEYS = { accessKeyId: "AKIDEXAMPLE12345", secretAccessKey: "s3cr3t/KEY+value", sessionToken: "session-token-value" };
const body = new TextEncoder().encode('{"messages":[]}');
/** sha256 of the body above, from `sha256sum`. */
const SHA_OF_BODY = "5e4ce7b36ba37b78a5d5f9fd08e6b7b54ba6879d651aa46ec9e1d6fa24ebe30a";
const request = (): HttpRequest => ({
  method: "POST",
  url: `https://bedrock-runtime.us-west-2.amazonaws.com${bedrockModelPath("us.anthropic.claude-opus-4-6-v1:0", "converse-stream")}`,
  headers: { "content-type": "application/json", accept: "application/vnd.amazon.eventstream" },
  body,
});

describe("signRequest (SigV4)", () => {
  it("adds host, x-amz-date, x-amz-content-sha256, x-amz-security-token and authorization; leaves the input alone", async () => {
    const input = request();
    const signed = await signRequest(input, { credentials: KEYS, region: "us-west-2", now: () => NOW });
    expect(Object.keys(input.headers)).toEqual(["content-type", "accept"]);
    expect(signed.body).toBe(body);
    expect(signed.headers).toMatchObject({
      host: "bedrock-runtime.us-west-2.amazonaws.com",
      "x-amz-date": "20260102T030405Z",
      "x-amz-security-token": "session-token-value",
      "x-amz-content-sha256": SHA_OF_BODY,
    });
    expect(signed.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE12345\/20260102\/us-west-2\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it("gives the signature the server-side verifier recomputes (double-encoded canonical URI)", async () => {
    const signed = await signRequest(request(), { credentials: KEYS, region: "us-west-2", now: () => NOW });
    const url = new URL(signed.url);
    // What a verifier does: re-sign the received request (path exactly as received) and compare.
    const { authorization: _a, ...received } = signed.headers;
    const verifier = new SignatureV4({ service: "bedrock", region: "us-west-2", credentials: KEYS, sha256: Sha256 });
    const again = await verifier.sign(
      { method: "POST", protocol: "https:", hostname: url.hostname, path: url.pathname, query: {}, headers: received, body },
      { signingDate: NOW },
    );
    expect(again.headers.authorization).toBe(signed.headers.authorization);
    // ...and a different path encoding (single-encoded canonical URI) would not match.
    const single = new SignatureV4({ service: "bedrock", region: "us-west-2", credentials: KEYS, sha256: Sha256, uriEscapePath: false });
    const wrong = await single.sign(
      { method: "POST", protocol: "https:", hostname: url.hostname, path: url.pathname, query: {}, headers: received, body },
      { signingDate: NOW },
    );
    expect(wrong.headers.authorization).not.toBe(signed.headers.authorization);
  });

  it("omits x-amz-security-token for long-term keys and signs query strings (control plane GET)", async () => {
    const signed = await signRequest(
      { method: "GET", url: "https://bedrock.us-east-1.amazonaws.com/foundation-models?byOutputModality=TEXT&byInferenceType=ON_DEMAND", headers: {} },
      { credentials: { accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey }, region: "us-east-1", now: () => NOW },
    );
    expect(signed.headers["x-amz-security-token"]).toBeUndefined();
    expect(signed.headers["x-amz-content-sha256"]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const longTerm = { accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey };
    const verifier = new SignatureV4({ service: "bedrock", region: "us-east-1", credentials: longTerm, sha256: Sha256 });
    const { authorization: _a, ...received } = signed.headers;
    const again = await verifier.sign(
      {
        method: "GET", protocol: "https:", hostname: "bedrock.us-east-1.amazonaws.com", path: "/foundation-models",
        query: { byInferenceType: "ON_DEMAND", byOutputModality: "TEXT" }, headers: received,
      },
      { signingDate: NOW },
    );
    expect(again.headers.authorization).toBe(signed.headers.authorization);
  });

  it("gives the same signature with WebCrypto (default), @smithy/hash-node and @aws-crypto/sha256-js", async () => {
    const webCrypto = await signRequest(request(), { credentials: KEYS, region: "us-west-2", now: () => NOW });
    for (const sha256 of [Hash.bind(null, "sha256"), Sha256]) {
      const other = await signRequest(request(), { credentials: KEYS, region: "us-west-2", now: () => NOW, sha256 });
      expect(other.headers).toEqual(webCrypto.headers);
    }
  });

  it("hashes the body with the SHA-256's synchronous hashHex when it has one, signing exactly as without", async () => {
    const plain = await signRequest(request(), { credentials: KEYS, region: "us-west-2", now: () => NOW, sha256: Sha256 });
    const hashHex = vi.fn((data: Uint8Array) => createHash("sha256").update(data).digest("hex"));
    const WithHashHex = Object.assign(class extends Sha256 {}, { hashHex });
    const fast = await signRequest(request(), { credentials: KEYS, region: "us-west-2", now: () => NOW, sha256: WithHashHex });
    expect(hashHex).toHaveBeenCalledWith(body);
    expect(fast.headers).toEqual(plain.headers);
    expect(fast.headers["x-amz-content-sha256"]).toBe(SHA_OF_BODY);
  });

  it("without WebCrypto asks for a sha256 implementation, and works with one", async () => {
    vi.stubGlobal("crypto", undefined);
    try {
      await expect(signRequest(request(), { credentials: KEYS, region: "us-west-2" })).rejects.toThrow(/Pass sha256/);
      const signed = await signRequest(request(), { credentials: KEYS, region: "us-west-2", sha256: Sha256 });
      expect(signed.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("uses the service override and keeps a caller-set host", async () => {
    const input = request();
    input.headers.host = "vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com";
    const signed = await signRequest(input, { credentials: KEYS, region: "us-west-2", service: "bedrock-runtime", now: () => NOW });
    expect(signed.headers.host).toBe("vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com");
    expect(signed.headers.authorization).toContain("/us-west-2/bedrock-runtime/aws4_request");
  });
});

describe("signRequest re-signing", () => {
  it("replaces an earlier signature: re-signing with long-term keys drops the old session token", async () => {
    const longTerm = { accessKeyId: "AKIDOTHER0000000", secretAccessKey: "other-secret" };
    const once = await signRequest(request(), { credentials: KEYS, region: "us-west-2", now: () => NOW });
    const twice = await signRequest(once, { credentials: longTerm, region: "us-west-2", now: () => NOW });
    const fresh = await signRequest(request(), { credentials: longTerm, region: "us-west-2", now: () => NOW });
    expect(twice.headers).toEqual(fresh.headers);
    expect(twice.headers["x-amz-security-token"]).toBeUndefined();
    const bearer = await signRequest(once, { credentials: { bearerToken: "ABSKtoken123" }, region: "us-west-2" });
    expect(Object.keys(bearer.headers).filter((name) => name.startsWith("x-amz-"))).toEqual([]);
  });
});

describe("signRequest (bearer)", () => {
  it("adds only authorization: Bearer and no SigV4 header", async () => {
    const signed = await signRequest(request(), { credentials: { bearerToken: "ABSKtoken123" }, region: "us-west-2" });
    expect(signed.headers).toEqual({
      "content-type": "application/json",
      accept: "application/vnd.amazon.eventstream",
      authorization: "Bearer ABSKtoken123",
    });
  });
});

describe("signRequest errors never echo a secret", () => {
  const bad: Array<[string, Parameters<typeof signRequest>[1], RegExp]> = [
    ["empty bearer token", { credentials: { bearerToken: "" }, region: "us-east-1" }, /bearer token is empty/],
    ["bearer token with a newline", { credentials: { bearerToken: "ABSK-secret-tok\r\nx-evil: 1" }, region: "us-east-1" }, /line break/],
    ["empty secret key", { credentials: { accessKeyId: "AKIDEXAMPLE12345", secretAccessKey: "" }, region: "us-east-1" }, /secret access key is empty/],
    ["session token with a newline", { credentials: { ...KEYS, sessionToken: "session-token-value\n" }, region: "us-east-1" }, /session token/],
    ["bad region", { credentials: KEYS, region: "US East" }, /region/],
  ];
  it.each(bad)("%s → SigningError", async (_name, options, message) => {
    const error = await signRequest(request(), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).message).toMatch(message);
    const text = `${(error as Error).message} ${String((error as Error).stack)}`;
    for (const secret of ["ABSK-secret-tok", KEYS.secretAccessKey, "session-token-value"]) expect(text).not.toContain(secret);
  });

  it("checks every call's keys and region, right after the same keys signed (the last good ones are remembered, not trusted)", async () => {
    await signRequest(request(), { credentials: KEYS, region: "us-east-1" });
    for (const [, options, message] of bad.slice(2)) {
      await signRequest(request(), { credentials: KEYS, region: "us-east-1" });
      await expect(signRequest(request(), options)).rejects.toThrow(message);
    }
    await expect(signRequest(request(), { credentials: { ...KEYS, accessKeyId: "AKID\u00e9" }, region: "us-east-1" })).rejects.toThrow(/access key id/);
  });

  it("rejects a relative URL", async () => {
    await expect(signRequest({ ...request(), url: "/model/x/converse" }, { credentials: KEYS, region: "us-east-1" })).rejects.toThrow(SigningError);
  });
});
