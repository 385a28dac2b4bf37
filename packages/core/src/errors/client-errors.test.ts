import { describe, expect, it } from "vitest";
import { CredentialsNotFoundError } from "./client-errors.js";

describe("CredentialsNotFoundError", () => {
  it("lists what was tried and every way to give credentials, the config's Bedrock API key included", () => {
    const error = new CredentialsNotFoundError(["env: AWS_BEARER_TOKEN_BEDROCK — not set", 'config: models.providers["amazon-bedrock"].apiKey — no config']);
    expect(error.message).toBe(
      [
        "No AWS credentials found. Tried, in order:",
        "  - env: AWS_BEARER_TOKEN_BEDROCK — not set",
        '  - config: models.providers["amazon-bedrock"].apiKey — no config',
        'Set a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK or in the config\'s models.providers["amazon-bedrock"].apiKey, or set AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or pass credentials to createBedrock().',
      ].join("\n"),
    );
    expect(error).toMatchObject({ name: "CredentialsNotFoundError", code: "CredentialsNotFound", retryable: false, tried: ["env: AWS_BEARER_TOKEN_BEDROCK — not set", 'config: models.providers["amazon-bedrock"].apiKey — no config'] });
  });
});
