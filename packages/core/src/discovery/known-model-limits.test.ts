import { describe, expect, it } from "vitest";
import { baseModelId, profilePrefix } from "./base-model-id.js";
import { knownModelLimits } from "./known-model-limits.js";

describe("baseModelId / profilePrefix", () => {
  it.each([
    ["anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0", undefined],
    ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0", "us"],
    ["global.anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0", "global"],
    ["apac.amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0", "apac"],
    ["us-gov.anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", "us-gov"],
    ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0", undefined],
    ["arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.meta.llama3-3-70b-instruct-v1:0", "meta.llama3-3-70b-instruct-v1:0", undefined],
    ["amazon.titan-text-express-v1", "amazon.titan-text-express-v1", undefined],
  ])("%s", (id, base, prefix) => {
    expect(baseModelId(id)).toBe(base);
    expect(profilePrefix(id)).toBe(prefix);
  });
});

describe("knownModelLimits", () => {
  it("knows Claude generations apart", () => {
    expect(knownModelLimits("anthropic.claude-opus-4-20250514-v1:0")).toMatchObject({ name: "Claude Opus 4", maxTokens: 32_000, cost: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 } });
    expect(knownModelLimits("anthropic.claude-opus-4-1-20250805-v1:0")?.name).toBe("Claude Opus 4.1");
    expect(knownModelLimits("us.anthropic.claude-opus-4-5-20251101-v1:0")).toMatchObject({ name: "Claude Opus 4.5", maxTokens: 64_000, cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } });
    expect(knownModelLimits("us.anthropic.claude-opus-4-6-v1:0")).toMatchObject({ contextWindow: 1_000_000, maxTokens: 128_000, reasoning: true });
    expect(knownModelLimits("anthropic.claude-sonnet-4-20250514-v1:0")?.name).toBe("Claude Sonnet 4");
    expect(knownModelLimits("anthropic.claude-3-7-sonnet-20250219-v1:0")).toMatchObject({ reasoning: true, maxTokens: 64_000 });
    expect(knownModelLimits("anthropic.claude-3-5-sonnet-20241022-v2:0")?.name).toBe("Claude Sonnet 3.5 v2");
    expect(knownModelLimits("anthropic.claude-3-haiku-20240307-v1:0")).toMatchObject({ reasoning: false, maxTokens: 4_096, input: ["text", "image"] });
  });

  it("knows the 2026 models from their cards (issue 16)", () => {
    expect(knownModelLimits("global.anthropic.claude-opus-4-7")).toMatchObject({ name: "Claude Opus 4.7", contextWindow: 1_000_000, maxTokens: 128_000, cost: { input: 5, output: 25 } });
    expect(knownModelLimits("us.anthropic.claude-opus-4-8-v1:0")).toMatchObject({ name: "Claude Opus 4.8", contextWindow: 1_000_000, maxTokens: 128_000 });
    expect(knownModelLimits("anthropic.claude-sonnet-4-6")).toMatchObject({ name: "Claude Sonnet 4.6", contextWindow: 1_000_000, maxTokens: 64_000 });
    expect(knownModelLimits("us.anthropic.claude-sonnet-5-v1:0")).toMatchObject({ name: "Claude Sonnet 5", cost: { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 } });
    expect(knownModelLimits("anthropic.claude-sonnet-5-5")?.name).toBe("Claude Sonnet 5.5");
    expect(knownModelLimits("anthropic.claude-opus-5-5")).toMatchObject({ name: "Claude Opus 5.5", cost: { input: 4, output: 20 } });
    expect(knownModelLimits("anthropic.claude-opus-5")?.name).toBe("Claude Opus 5");
    expect(knownModelLimits("us.amazon.nova-2-lite-v1:0")).toMatchObject({ name: "Nova 2 Lite", contextWindow: 1_000_000, maxTokens: 64_000, reasoning: true });
    // Bedrock's own limit for these (ValidationException "exceeds the model limit of 4096").
    expect(knownModelLimits("anthropic.claude-3-5-sonnet-20240620-v1:0")?.maxTokens).toBe(4_096);
    expect(knownModelLimits("anthropic.claude-3-5-haiku-20241022-v1:0")?.maxTokens).toBe(4_096);
  });

  it("covers Nova, Llama, Mistral, DeepSeek, Qwen, gpt-oss", () => {
    expect(knownModelLimits("amazon.nova-micro-v1:0")).toMatchObject({ input: ["text"], contextWindow: 128_000 });
    expect(knownModelLimits("eu.amazon.nova-pro-v1:0")).toMatchObject({ contextWindow: 300_000, supportsCaching: true });
    expect(knownModelLimits("us.meta.llama3-3-70b-instruct-v1:0")).toMatchObject({ maxTokens: 2_048 });
    expect(knownModelLimits("mistral.mistral-large-2407-v1:0")?.contextWindow).toBe(128_000);
    expect(knownModelLimits("us.deepseek.r1-v1:0")?.reasoning).toBe(true);
    expect(knownModelLimits("qwen.qwen3-coder-480b-a35b-v1:0")?.contextWindow).toBe(262_144);
    expect(knownModelLimits("openai.gpt-oss-120b-1:0")?.name).toBe("gpt-oss-120b");
  });

  it("matches a whole-version prefix only when no further version number follows", () => {
    expect(knownModelLimits("anthropic.claude-opus-5-v1:0")?.name).toBe("Claude Opus 5");
    expect(knownModelLimits("us.anthropic.claude-sonnet-5")?.name).toBe("Claude Sonnet 5");
    expect(knownModelLimits("anthropic.claude-opus-5-5-v1:0")?.name).toBe("Claude Opus 5.5");
    expect(knownModelLimits("anthropic.claude-opus-55")).toBeUndefined();
    expect(knownModelLimits("anthropic.claude-opus-5.1")).toBeUndefined();
    expect(knownModelLimits("anthropic.claude-sonnet-5-1")).toBeUndefined();
    expect(knownModelLimits("ANTHROPIC.CLAUDE-OPUS-5-V1:0")?.name).toBe("Claude Opus 5");
  });

  it("returns undefined for unknown models and fresh copies for known ones", () => {
    expect(knownModelLimits("acme.widget-chat-v1:0")).toBeUndefined();
    const a = knownModelLimits("amazon.nova-lite-v1:0")!;
    a.cost!.input = 999;
    a.input!.push("image");
    expect(knownModelLimits("amazon.nova-lite-v1:0")!.cost!.input).toBe(0.06);
  });
});
