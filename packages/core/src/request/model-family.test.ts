import { describe, expect, it } from "vitest";
import type { Model } from "../types/index.js";
import { claudeVersion, familyOfModel, modelFamily } from "./model-family.js";

describe("modelFamily", () => {
  it.each([
    ["anthropic.claude-opus-4-6-v1", "claude-adaptive"],
    ["us.anthropic.claude-opus-4-6-v1:0", "claude-adaptive"],
    ["global.anthropic.claude-sonnet-4-6", "claude-adaptive"],
    ["eu.anthropic.claude-opus-4-7", "claude-adaptive"],
    ["anthropic.claude-opus-5", "claude-adaptive"],
    ["anthropic.claude-mythos-preview", "claude-adaptive"],
    ["anthropic.claude-fable-5", "claude-adaptive"],
    ["apac.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude"],
    ["jp.anthropic.claude-haiku-4-5-20251001-v1:0", "claude"],
    ["anthropic.claude-opus-4-1-20250805-v1:0", "claude"],
    ["au.anthropic.claude-sonnet-4-20250514-v1:0", "claude"],
    ["anthropic.claude-3-7-sonnet-20250219-v1:0", "claude"],
    ["anthropic.claude-3-5-haiku-20241022-v1:0", "claude"],
    ["anthropic.claude-v2:1", "claude"],
    ["amazon.nova-pro-v1:0", "nova"],
    ["us.amazon.nova-2-lite-v1:0", "nova"],
    ["deepseek.r1-v1:0", "deepseek"],
    ["us.deepseek.r1-v1:0", "deepseek"],
    ["openai.gpt-oss-120b-1:0", "openai"],
    ["meta.llama3-3-70b-instruct-v1:0", "other"],
    ["mistral.mistral-large-2407-v1:0", "other"],
    ["amazon.titan-text-express-v1", "other"],
    ["amazon-bedrock/us.anthropic.claude-sonnet-4-6", "claude-adaptive"],
    ["arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1:0", "claude-adaptive"],
    ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0", "claude"],
    ["arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5", "other"],
  ])("%s → %s", (id, family) => {
    expect(modelFamily(id)).toBe(family);
  });
});

describe("claudeVersion", () => {
  it("reads major and minor from old and new id styles", () => {
    expect(claudeVersion("anthropic.claude-3-5-sonnet-20240620-v1:0")).toEqual({ major: 3, minor: 5 });
    expect(claudeVersion("anthropic.claude-3-haiku-20240307-v1:0")).toEqual({ major: 3, minor: 0 });
    expect(claudeVersion("anthropic.claude-sonnet-4-20250514-v1:0")).toEqual({ major: 4, minor: 0 });
    expect(claudeVersion("us.anthropic.claude-opus-4-6-v1:0")).toEqual({ major: 4, minor: 6 });
    expect(claudeVersion("Claude Sonnet 4.6")).toEqual({ major: 4, minor: 6 });
    expect(claudeVersion("anthropic.claude-instant-v1")).toBeUndefined();
    expect(claudeVersion("amazon.nova-2-lite-v1:0")).toBeUndefined();
  });
});

describe("familyOfModel", () => {
  const base: Model = { id: "", name: "", reasoning: true, input: ["text"], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 0, maxTokens: 0 };
  it("falls back to the display name for opaque ids", () => {
    const arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3";
    expect(familyOfModel({ ...base, id: arn, name: "Claude Sonnet 4.6" })).toBe("claude-adaptive");
    expect(familyOfModel({ ...base, id: arn, name: "Nova 2 Lite" })).toBe("nova");
    expect(familyOfModel({ ...base, id: arn, name: "my profile" })).toBe("other");
  });
  it("prefers the id", () => {
    expect(familyOfModel({ ...base, id: "amazon.nova-pro-v1:0", name: "Claude" })).toBe("nova");
  });
});
