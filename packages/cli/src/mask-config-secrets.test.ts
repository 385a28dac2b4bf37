import { describe, expect, it } from "vitest";
import { describeReceived } from "@streambed/core";
import { hiddenValue, isSecretConfigKey, maskConfigSecrets } from "./mask-config-secrets.js";

describe("mask-config-secrets", () => {
  it("secret-looking keys are the config layer's: apiKey, secretAccessKey, sessionToken, bearerToken, password, credentials; not maxTokens", () => {
    for (const key of ["apiKey", "secretAccessKey", "sessionToken", "bearerToken", "password", "credentials", "botToken", "secret"]) {
      expect(isSecretConfigKey(key), key).toBe(true);
      expect(describeReceived("x", [key]), key).toBe("a value (hidden)");
    }
    for (const key of ["maxTokens", "region", "baseUrl", "auth", "enabled", "models", "keys"]) expect(isSecretConfigKey(key), key).toBe(false);
  });

  it("a placeholder says the size or kind, never the value", () => {
    expect(hiddenValue("plain-config-key-0123456789", "add --reveal to print it")).toBe("<hidden: 27 characters; add --reveal to print it>");
    expect(hiddenValue("x")).toBe("<hidden: 1 character>");
    expect(hiddenValue({ accessKeyId: "AKIA…" })).toBe("<hidden: an object>");
    expect(hiddenValue(["a"])).toBe("<hidden: an array>");
    expect(hiddenValue(1234)).toBe("<hidden: a number>");
  });

  it("masks at the path itself and at any depth below it; keeps null and everything else", () => {
    expect(maskConfigSecrets("k-123", ["models", "providers", "amazon-bedrock", "apiKey"])).toBe("<hidden: 5 characters>");
    expect(maskConfigSecrets(null, ["apiKey"])).toBeNull();
    const config = {
      models: { providers: { "amazon-bedrock": { apiKey: "k-123456789", region: "us-east-1", models: [{ id: "m", maxTokens: 4096 }] } } },
      channels: [{ botToken: "t-1", credentials: { password: "p" } }],
    };
    expect(maskConfigSecrets(config, [], "h")).toEqual({
      models: { providers: { "amazon-bedrock": { apiKey: "<hidden: 11 characters; h>", region: "us-east-1", models: [{ id: "m", maxTokens: 4096 }] } } },
      channels: [{ botToken: "<hidden: 3 characters; h>", credentials: "<hidden: an object; h>" }],
    });
    expect(config.models.providers["amazon-bedrock"].apiKey).toBe("k-123456789");
  });
});
