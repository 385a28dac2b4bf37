import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse-config.js";
import { configuredModels } from "../config/configured-models.js";
import { ModelNotFoundError } from "../errors/client-errors.js";
import type { Model } from "../types/model.js";
import { resolveModel } from "./resolve-model.js";

const config = parseConfig({
  models: {
    bedrockDiscovery: { defaultContextWindow: 50000, defaultMaxTokens: 3000 },
    providers: {
      "amazon-bedrock": {
        models: [
          { id: "us.anthropic.claude-opus-4-6-v1:0", name: "Claude Opus 4.6 (Bedrock)", reasoning: true, input: ["text", "image"], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 200000, maxTokens: 8192 },
          { id: "amazon.nova-lite-v1:0" },
          { id: "acme.private-model-v1", contextWindow: 8000 },
        ],
      },
    },
  },
  agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0" } } },
});

describe("configuredModels", () => {
  it("completes configured models: config first, then known limits, then defaults", () => {
    const [opus, nova, acme] = configuredModels(config);
    expect(opus).toMatchObject({ name: "Claude Opus 4.6 (Bedrock)", maxTokens: 8192, cost: { input: 0, output: 0 }, provider: "amazon-bedrock", api: "bedrock-converse-stream", supportsCaching: true });
    expect(nova).toMatchObject({ name: "Nova Lite", contextWindow: 300_000, maxTokens: 8_192, input: ["text", "image"], cost: { input: 0.06, output: 0.24 } });
    expect(acme).toMatchObject({ name: "acme.private-model-v1", contextWindow: 8000, maxTokens: 3000, reasoning: false, input: ["text"] });
    expect(configuredModels(undefined)).toEqual([]);
  });
});

describe("resolveModel", () => {
  it("passes Model objects through untouched", () => {
    const model: Model = { id: "x", name: "X", reasoning: false, input: ["text"], cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 }, contextWindow: 1, maxTokens: 1 };
    expect(resolveModel(model, { config })).toBe(model);
  });

  it("finds configured and listed models by prefixed or bare id", () => {
    expect(resolveModel("amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0", { config }).name).toBe("Claude Opus 4.6 (Bedrock)");
    expect(resolveModel("amazon.nova-lite-v1:0", { config }).name).toBe("Nova Lite");
    const discovered = { ...configuredModels(config)[1]!, id: "us.amazon.nova-lite-v1:0", name: "Nova Lite (US)", vendor: "Amazon" };
    expect(resolveModel("bedrock/US.AMAZON.NOVA-LITE-V1:0", { config, models: [discovered] })).toBe(discovered);
  });

  it("builds a Model for ids it has never seen: known limits, else the defaults", () => {
    expect(resolveModel("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", { config })).toMatchObject({
      id: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
      name: "Claude Sonnet 4.5 (EU)",
      contextWindow: 200_000,
      maxTokens: 64_000,
      provider: "amazon-bedrock",
      api: "bedrock-converse-stream",
    });
    expect(resolveModel("acme.unknown-v9", { config })).toMatchObject({ name: "acme.unknown-v9", contextWindow: 50000, maxTokens: 3000, reasoning: false, input: ["text"] });
    expect(resolveModel("acme.unknown-v9", {})).toMatchObject({ contextWindow: 32000, maxTokens: 4096 });
    const arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6";
    expect(resolveModel(arn, {}).id).toBe(arn);
  });

  it("uses agents.defaults.model.primary when no model is named", () => {
    expect(resolveModel(undefined, { config }).id).toBe("us.anthropic.claude-opus-4-6-v1:0");
    expect(resolveModel("", { config: parseConfig({ agents: { defaults: { model: "amazon.nova-pro-v1:0" } } }) }).name).toBe("Nova Pro");
  });

  it("says how to set a default when there is none", () => {
    expect(() => resolveModel(undefined, {})).toThrow(ModelNotFoundError);
    expect(() => resolveModel(undefined, {})).toThrow(/streambed config set agents\.defaults\.model\.primary amazon-bedrock\//);
  });

  it("refuses other providers and empty ids", () => {
    expect(() => resolveModel("openai/gpt-5", { config })).toThrow(/provider "openai"; streambed serves only amazon-bedrock/);
    expect(() => resolveModel(undefined, { config: parseConfig({ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" } } } }) })).toThrow(
      /agents\.defaults\.model\.primary/,
    );
    expect(() => resolveModel("amazon-bedrock/", { config })).toThrow(ModelNotFoundError);
    expect(() => resolveModel({ name: "no id" } as unknown as Model, {})).toThrow(/has no id/);
  });

  it("hints name current model ids (the Sonnet 4.6 inference profile the docs use)", () => {
    const messages = [() => resolveModel(undefined, {}), () => resolveModel("amazon-bedrock/", { config }), () => resolveModel({ name: "no id" } as unknown as Model, {})].map((f) => {
      try {
        f();
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    });
    for (const message of messages) {
      expect(message).toContain("us.anthropic.claude-sonnet-4-6");
      expect(message).not.toMatch(/4-5|4\.5/);
    }
  });
});
