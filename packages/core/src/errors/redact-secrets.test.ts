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

  it("caps the length and keeps one line", () => {
    const out = redactSecrets("a\n\nb " + "word ".repeat(1000));
    expect(out.startsWith("a b word")).toBe(true);
    expect(out.length).toBe(MAX_SERVICE_MESSAGE_LENGTH + 1);
  });
});
