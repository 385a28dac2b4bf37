import { describe, expect, it } from "vitest";
import { configuredModelsWith } from "../config/configured-models.js";
import { parseConfig } from "../config/parse-config.js";
import { knownModelLimits } from "../discovery/known-model-limits.js";
import { resolveModel } from "./resolve-model.js";
import { resolveModelWith } from "./resolve-model-with.js";
import { testModel } from "../request/test-helpers.js";

const SONNET = "us.anthropic.claude-sonnet-4-6";

describe("resolveModelWith", () => {
  it("with streambed's table: the same Model as resolveModel (known entry, else the defaults)", () => {
    for (const id of [SONNET, "amazon.nova-micro-v1:0", "acme.unknown-v9"]) {
      expect(resolveModelWith(id, { knownModels: knownModelLimits })).toEqual(resolveModel(id));
    }
  });

  it("without a table: nothing assumed, Bedrock decides (reasoning sent when asked, images passed on, no cap, no price)", () => {
    for (const id of [SONNET, "amazon.nova-micro-v1:0", "acme.unknown-v9"]) {
      const nothingAssumed = testModel(id, { cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 32000, maxTokens: 0 });
      expect(resolveModelWith(`amazon-bedrock/${id}`, {})).toEqual(nothingAssumed);
    }
  });

  it("without a table, the config's discovery defaults still apply, and listed or configured models win", () => {
    const config = parseConfig({
      models: {
        bedrockDiscovery: { defaultContextWindow: 50000, defaultMaxTokens: 3000 },
        providers: { "amazon-bedrock": { models: [{ id: "amazon.nova-micro-v1:0", name: "Micro", input: ["text"] }] } },
      },
    });
    expect(resolveModelWith("acme.unknown-v9", { config })).toMatchObject({ contextWindow: 50000, maxTokens: 3000, reasoning: true });
    const configured = configuredModelsWith(config, undefined);
    expect(configured).toEqual([expect.objectContaining({ id: "amazon.nova-micro-v1:0", name: "Micro", input: ["text"], reasoning: true, maxTokens: 3000, contextWindow: 50000 })]);
    expect(resolveModelWith("amazon.nova-micro-v1:0", { config, models: configured })).toBe(configured[0]);
    expect(resolveModelWith("amazon.nova-micro-v1:0", { config, more: () => configured })).toBe(configured[0]);
  });
});
