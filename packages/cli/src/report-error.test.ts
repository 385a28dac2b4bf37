import { describe, expect, it } from "vitest";
import { AuthenticationError, CredentialsNotFoundError } from "streambed";
import { exitCodeFor, formatError, redactForOutput } from "./report-error.js";
import { UsageError } from "./usage-error.js";

const env = { AWS_SECRET_ACCESS_KEY: "s3cr3t-value-from-the-environment", AWS_SESSION_TOKEN: "session-token-value-0001" };

describe("report-error", () => {
  it("formats Name: message and removes the environment's secrets", () => {
    const error = new AuthenticationError("refused s3cr3t-value-from-the-environment with session-token-value-0001 and key AKIAABCDEFGHIJKLWXYZ");
    expect(formatError(error, env)).toBe("AuthenticationError: refused **** with **** and key ****WXYZ");
  });
  it("keeps line breaks and column gaps", () => {
    const text = "✓ credentials  env: AWS_ACCESS_KEY_ID\n                 tried: s3cr3t-value-from-the-environment";
    expect(redactForOutput(text, env)).toBe("✓ credentials  env: AWS_ACCESS_KEY_ID\n                 tried: ****");
    expect(formatError(new CredentialsNotFoundError(["env: AWS_ACCESS_KEY_ID — not set"]), {})).toContain("\n  - env: AWS_ACCESS_KEY_ID — not set\n");
  });
  it("removes the config's secrets given to it, also ones no pattern catches", () => {
    const key = "plain-config-key-not-a-pattern-42";
    const error = new AuthenticationError(`API key ${key} is not allowed`);
    // The pattern-based redaction alone would print it: the config's values are what catch it.
    expect(formatError(error, env)).toContain(key);
    expect(formatError(error, env, [key])).toBe("AuthenticationError: API key **** is not allowed");
    expect(redactForOutput(`  tried: ${key}`, {}, [key])).toBe("  tried: ****");
  });
  it("removes the environment's secrets in every encoding and by piece: JSON-escaped, URL-encoded, base64, cut short", () => {
    const token = "IQoJb3JpZ2luX2VjEnv/Token+Value/0123456789AbCdEf==";
    const text = [
      `json ${JSON.stringify({ t: token }).replace(/\//g, "\\/")}`,
      `uri ${encodeURIComponent(token)}`,
      `b64 ${Buffer.from(`x-amz-security-token: ${token}`).toString("base64")}`,
      `cut ${token.slice(0, 20)}`,
    ].join("\n");
    const out = redactForOutput(text, { AWS_SESSION_TOKEN: token });
    for (let i = 0; i + 8 <= token.length; i++) expect(out).not.toContain(token.slice(i, i + 8));
    expect(out.split("\n").map((line) => line.split(" ")[0])).toEqual(["json", "uri", "b64", "cut"]);
  });
  it("usage errors exit 2, everything else 1", () => {
    expect(exitCodeFor(new UsageError("no prompt"))).toBe(2);
    expect(exitCodeFor(new AuthenticationError("no"))).toBe(1);
    expect(exitCodeFor("a string")).toBe(1);
  });
});
