import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../errors/index.js";
import type { Model, ReasoningLevel } from "../types/index.js";
import { planReasoning } from "./map-reasoning.js";
import { familyOfModel } from "./model-family.js";
import { CLAUDE_37, CLAUDE_45, CLAUDE_46, DEEPSEEK_R1, GPT_OSS, LLAMA, NOVA_2, NOVA_PRO, testModel } from "./test-helpers.js";

const plan = (level: ReasoningLevel | undefined, model: Model, maxTokens?: number, forcesTool = false) =>
  planReasoning(level, model, familyOfModel(model), { maxTokens, forcesTool });

const NONE = { fields: {}, claudeThinking: false, maxTokens: undefined, omitSampling: false };

describe("planReasoning", () => {
  it("off or absent sends nothing, for every family", () => {
    for (const model of [CLAUDE_46, CLAUDE_45, NOVA_2, GPT_OSS, DEEPSEEK_R1, LLAMA]) {
      expect(plan("off", model)).toEqual(NONE);
      expect(plan(undefined, model)).toEqual(NONE);
    }
  });

  describe("Claude 4.6+: adaptive thinking with effort", () => {
    it.each<[ReasoningLevel, string]>([
      ["minimal", "low"],
      ["low", "low"],
      ["medium", "medium"],
      ["high", "high"],
      [{ budgetTokens: 2000 }, "low"],
      [{ budgetTokens: 8000 }, "medium"],
      [{ budgetTokens: 32000 }, "high"],
    ])("%j → effort %s", (level, effort) => {
      expect(plan(level, CLAUDE_46, 1000)).toEqual({ ...NONE, fields: { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort } }, claudeThinking: true });
    });
  });

  describe("older Claude: budget_tokens, maxTokens above the budget", () => {
    it("uses the level's budget and adds answer room when maxTokens is unset", () => {
      expect(plan("medium", CLAUDE_45)).toEqual({ ...NONE, fields: { thinking: { type: "enabled", budget_tokens: 8192 } }, claudeThinking: true, maxTokens: 16384 });
      expect(plan("minimal", CLAUDE_45).fields).toEqual({ thinking: { type: "enabled", budget_tokens: 1024 } });
      expect(plan("low", CLAUDE_45).fields).toEqual({ thinking: { type: "enabled", budget_tokens: 2048 } });
      expect(plan("high", CLAUDE_45).fields).toEqual({ thinking: { type: "enabled", budget_tokens: 16384 } });
    });

    it("keeps a maxTokens already above the budget", () => {
      expect(plan("low", CLAUDE_45, 20000).maxTokens).toBe(20000);
    });

    it("raises a maxTokens at or below the budget to budget + maxTokens", () => {
      expect(plan("high", CLAUDE_45, 1000).maxTokens).toBe(17384);
      expect(plan({ budgetTokens: 5000 }, CLAUDE_45, 5000)).toMatchObject({ fields: { thinking: { type: "enabled", budget_tokens: 5000 } }, maxTokens: 10000 });
    });

    it("caps at the model's maxTokens, shrinking the budget to leave room for the answer", () => {
      expect(plan("high", CLAUDE_37)).toMatchObject({ fields: { thinking: { type: "enabled", budget_tokens: 4096 } }, maxTokens: 8192 });
    });

    it("raises a budget below Anthropic's minimum to 1024", () => {
      expect(plan({ budgetTokens: 100 }, CLAUDE_45, 4000).fields).toEqual({ thinking: { type: "enabled", budget_tokens: 1024 } });
    });

    it("refuses when the model allows too few output tokens to think", () => {
      expect(() => plan("low", testModel("anthropic.claude-3-7-sonnet-20250219-v1:0", { maxTokens: 1500 }))).toThrow(InvalidRequestError);
    });
  });

  describe("Nova: reasoningConfig", () => {
    it.each<[ReasoningLevel, string]>([
      ["minimal", "low"],
      ["low", "low"],
      ["medium", "medium"],
      [{ budgetTokens: 10000 }, "medium"],
    ])("%j → maxReasoningEffort %s", (level, effort) => {
      expect(plan(level, NOVA_2)).toEqual({ ...NONE, fields: { reasoningConfig: { type: "enabled", maxReasoningEffort: effort } } });
    });
    it("high leaves sampling and maxTokens out", () => {
      expect(plan("high", NOVA_2)).toEqual({ ...NONE, fields: { reasoningConfig: { type: "enabled", maxReasoningEffort: "high" } }, omitSampling: true });
    });
  });

  it("gpt-oss: reasoning_effort", () => {
    expect(plan("minimal", GPT_OSS)).toEqual({ ...NONE, fields: { reasoning_effort: "low" } });
    expect(plan("high", GPT_OSS)).toEqual({ ...NONE, fields: { reasoning_effort: "high" } });
    expect(plan("high", GPT_OSS, undefined, true)).toEqual({ ...NONE, fields: { reasoning_effort: "high" } });
  });

  it("DeepSeek and other families: nothing (R1 reasons by itself)", () => {
    expect(plan("high", DEEPSEEK_R1)).toEqual(NONE);
    expect(plan("high", testModel("qwen.qwen3-32b-v1:0"))).toEqual(NONE);
  });

  it("ignores reasoning for a model with reasoning: false", () => {
    expect(plan("high", NOVA_PRO)).toEqual(NONE);
    expect(plan("high", testModel("anthropic.claude-3-5-haiku-20241022-v1:0", { reasoning: false }))).toEqual(NONE);
  });

  it("turns Claude and Nova reasoning off when toolChoice forces a tool", () => {
    expect(plan("high", CLAUDE_46, undefined, true)).toEqual(NONE);
    expect(plan("high", CLAUDE_45, undefined, true)).toEqual(NONE);
    expect(plan("high", NOVA_2, undefined, true)).toEqual(NONE);
  });

  it.each<[unknown, string]>([
    ["max", "reasoning"],
    [true, "reasoning"],
    [{ budgetTokens: 0 }, "reasoning.budgetTokens"],
    [{ budgetTokens: 1.5 }, "reasoning.budgetTokens"],
    [{ budget: 1000 }, "reasoning.budgetTokens"],
  ])("rejects %j", (level, path) => {
    try {
      plan(level as ReasoningLevel, LLAMA);
      throw new Error("expected a throw");
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidRequestError);
      expect((e as InvalidRequestError).path).toBe(path);
    }
  });
});
