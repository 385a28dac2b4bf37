import { describe, expect, it } from "vitest";
import { parseModelRef } from "./parse-model-ref.js";

describe("parseModelRef", () => {
  it.each([
    ["amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0", { provider: "amazon-bedrock", id: "us.anthropic.claude-opus-4-6-v1:0" }],
    ["anthropic.claude-3-haiku-20240307-v1:0", { id: "anthropic.claude-3-haiku-20240307-v1:0" }],
    [
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
      { id: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6" },
    ],
    [
      "amazon-bedrock/arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0",
      { provider: "amazon-bedrock", id: "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0" },
    ],
    ["  openai/gpt-5  ", { provider: "openai", id: "gpt-5" }],
  ])("%s", (ref, expected) => {
    expect(parseModelRef(ref)).toEqual(expected);
  });
});
