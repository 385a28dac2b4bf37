import { describe, expect, it } from "vitest";
import type { Model } from "../types/index.js";
import { supportsPromptCaching } from "./prompt-caching.js";

const model = (id: string, extra: Partial<Model> = {}): Model => ({
  id,
  name: id,
  reasoning: false,
  input: ["text"],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 200_000,
  maxTokens: 8192,
  ...extra,
});

describe("supportsPromptCaching", () => {
  it.each([
    ["us.anthropic.claude-opus-4-6-v1:0", true],
    ["anthropic.claude-sonnet-4-5-20250929-v1:0", true],
    ["anthropic.claude-3-7-sonnet-20250219-v1:0", true],
    ["anthropic.claude-3-5-haiku-20241022-v1:0", true],
    ["anthropic.claude-3-haiku-20240307-v1:0", false],
    ["anthropic.claude-v2:1", false],
    ["amazon.nova-micro-v1:0", true],
    ["us.amazon.nova-2-lite-v1:0", true],
    ["amazon.nova-premier-v1:0", true],
    ["amazon.nova-sonic-v1:0", false],
    ["amazon.nova-canvas-v1:0", false],
    ["amazon.nova-reel-v1:1", false],
    ["amazon.nova-2-sonic-v1:0", false],
    ["meta.llama3-3-70b-instruct-v1:0", undefined],
    ["deepseek.r1-v1:0", undefined],
    ["arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", undefined],
  ])("%s → %s", (id, expected) => {
    expect(supportsPromptCaching(model(id))).toBe(expected);
  });

  it("lets model.supportsCaching decide when set", () => {
    expect(supportsPromptCaching(model("meta.llama3-3-70b-instruct-v1:0", { supportsCaching: true }))).toBe(true);
    expect(supportsPromptCaching(model("anthropic.claude-sonnet-4-5-20250929-v1:0", { supportsCaching: false }))).toBe(false);
  });
});
