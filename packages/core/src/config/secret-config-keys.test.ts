import { describe, expect, it } from "vitest";
import { looksLikeSecret } from "../credentials/looks-like-secret.js";
import { isSecretConfigKey, isSecretConfigPath, isSecretHeaderName } from "./secret-config-keys.js";

describe("isSecretConfigKey / isSecretConfigPath", () => {
  it("keys ending in key, secret, token, password, credential(s), authorization; not maxTokens", () => {
    for (const key of ["apiKey", "secretAccessKey", "sessionToken", "botToken", "password", "credentials", "clientSecret", "Authorization"]) expect(isSecretConfigKey(key), key).toBe(true);
    for (const key of ["maxTokens", "region", "baseUrl", "auth", "enabled", "models", "keys", "headers", "x-request-id"]) expect(isSecretConfigKey(key), key).toBe(false);
  });

  it("inside headers: Authorization, x-api-key, *token*, *secret*, cookies; other headers are shown", () => {
    for (const name of ["Authorization", "proxy-authorization", "x-api-key", "X-Amz-Security-Token", "x-token-id", "X-Client-Secret-Id", "Cookie", "x-apikey"]) {
      expect(isSecretHeaderName(name), name).toBe(true);
      expect(isSecretConfigKey(name, "headers"), name).toBe(true);
      expect(isSecretConfigPath(["models", "providers", "amazon-bedrock", "headers", name]), name).toBe(true);
    }
    for (const name of ["x-streambed-emulator-fault", "User-Agent", "anthropic-beta", "x-request-id"]) {
      expect(isSecretConfigKey(name, "headers"), name).toBe(false);
    }
    // Outside a headers object, a name like x-token-id is an ordinary key.
    expect(isSecretConfigKey("x-token-id", "models")).toBe(false);
    expect(isSecretConfigPath(["models", "providers", "amazon-bedrock", "apiKey"])).toBe(true);
    expect(isSecretConfigPath(["models", "providers", "amazon-bedrock", "models", 0, "maxTokens"])).toBe(false);
    expect(isSecretConfigPath([])).toBe(false);
  });
});

describe("looksLikeSecret", () => {
  it("Bedrock API keys, Authorization values, AWS secret keys and session tokens, prefixed tokens, URL passwords", () => {
    const secrets = [
      "ABSKQmVkcm9ja0FQSUtleS1zaGFwZS0wMTIzNDU2Nzg5YWJjZGVmZ2hpamts",
      "Bearer ABSKQmVkcm9ja0FQSUtleS1zaGFwZQ==",
      "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
      "Basic dXNlcjpwYXNzd29yZA==",
      "AWS4-HMAC-SHA256 Credential=AKIA…/20300101/us-east-1/bedrock/aws4_request, Signature=abc",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      `IQoJb3JpZ2luX2VjE${"aB3/".repeat(60)}==`,
      "sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "xoxb-123456789012-abcdefghijkl",
      "https://user:hunter2@proxy.example.com:8080",
    ];
    for (const value of secrets) expect(looksLikeSecret(value), value).toBe(true);
  });

  it("model ids, ARNs, URLs, regions, paths, ${VAR} references and prose are not secrets", () => {
    const plain = [
      "us.anthropic.claude-sonnet-4-6",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1",
      "https://bedrock-runtime.us-east-1.amazonaws.com",
      "us-east-1",
      "/home/me/.streambed/config.json5",
      "${AWS_BEARER_TOKEN_BEDROCK}",
      "amazon-bedrock/us.anthropic.claude-sonnet-4-6",
      "Bearer",
      "streambed/emulator/demo/secret/key/not/for/aws",
      "a fairly long description of the model that has spaces in it",
    ];
    for (const value of plain) expect(looksLikeSecret(value), value).toBe(false);
  });
});
