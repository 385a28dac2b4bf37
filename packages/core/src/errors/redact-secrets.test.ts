import { describe, expect, it } from "vitest";
import { MAX_SERVICE_MESSAGE_LENGTH, redactSecrets } from "./redact-secrets.js";

describe("redactSecrets", () => {
  it("leaves ordinary Bedrock messages alone", () => {
    const ordinary = [
      "Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand throughput isn’t supported.",
      "Too many tokens, please wait before trying again.",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1:0 not found",
      "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`.",
    ];
    for (const text of ordinary) expect(redactSecrets(text)).toBe(text);
  });

  it("removes tokens, keys, signatures and masks access key ids", () => {
    expect(redactSecrets("x-amz-security-token:FwoGZXIvYXdzEJr")).toBe("x-amz-security-token:[redacted]");
    expect(redactSecrets("Signature=0123456789abcdef")).toBe("Signature=[redacted]");
    expect(redactSecrets("Bearer eyJhbGciOi.abc.def")).toBe("Bearer [redacted]");
    expect(redactSecrets("key ABSKQmVkcm9ja0FQSUtleQ== here")).toBe("key [redacted] here");
    expect(redactSecrets("AKIAIOSFODNN7EXAMPLE")).toBe("****MPLE");
    expect(redactSecrets("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe("[redacted]");
  });

  it("catches the same shapes URL-encoded (an echo of the Authorization header or a presigned query)", () => {
    const signature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    const header = `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261204/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`;
    const out = redactSecrets(`you sent authorization=${encodeURIComponent(header)}`);
    expect(out).toBe("you sent authorization=AWS4-HMAC-SHA256 Credential=****MPLE/20261204/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=[redacted]");
    const token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token+with+slashes/and/pluses==";
    const query = redactSecrets(`GET /?X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20261204%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(token)}&X-Amz-Signature=${signature}`);
    expect(query).not.toContain("ASIAIOSFODNN7EXA");
    expect(query).not.toContain(signature);
    for (const piece of token.split(/[+/=]+/).filter((p) => p.length >= 8)) expect(query).not.toContain(piece);
    expect(query).toContain("X-Amz-Credential=****MPLE/20261204");
  });

  it("leaves text with a stray or non-UTF-8 percent sign readable", () => {
    expect(redactSecrets("quota at 100%, retry")).toBe("quota at 100%, retry");
    expect(redactSecrets("bad escape %C3 here")).toBe("bad escape %C3 here");
  });

  it("caps the length and keeps one line", () => {
    const out = redactSecrets("a\n\nb " + "word ".repeat(1000));
    expect(out.startsWith("a b word")).toBe(true);
    expect(out.length).toBe(MAX_SERVICE_MESSAGE_LENGTH + 1);
  });
});
