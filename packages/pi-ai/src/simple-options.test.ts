import { getModel, type Model } from "@mariozechner/pi-ai";
import { describe, expect, it } from "vitest";
import { simpleToBedrockOptions } from "./simple-options.js";

const sonnet46 = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-6") as Model<"bedrock-converse-stream">;
const sonnet45 = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0") as Model<"bedrock-converse-stream">;

describe("simpleToBedrockOptions (pi-ai's streamSimpleBedrock)", () => {
  it("maxTokens defaults to the model's, at most 32,000; no reasoning → none", () => {
    expect(simpleToBedrockOptions(sonnet46, undefined)).toEqual({ maxTokens: 32000 });
    expect(simpleToBedrockOptions(sonnet46, { maxTokens: 10, temperature: 0.2 })).toEqual({ maxTokens: 10, temperature: 0.2 });
  });
  it("older Claude: maxTokens raised by the budget, capped at the model's, the budget shrunk when the cap leaves no room", () => {
    expect(simpleToBedrockOptions(sonnet45, { reasoning: "medium", maxTokens: 1000 })).toEqual({ reasoning: "medium", maxTokens: 9192, thinkingBudgets: { medium: 8192 } });
    const small = { ...sonnet45, maxTokens: 4000 };
    expect(simpleToBedrockOptions(small, { reasoning: "high", maxTokens: 1000 })).toEqual({ reasoning: "high", maxTokens: 4000, thinkingBudgets: { high: 2976 } });
  });
  it("adaptive Claude and other models keep maxTokens and the budgets as given", () => {
    expect(simpleToBedrockOptions(sonnet46, { reasoning: "xhigh", thinkingBudgets: { high: 5 } })).toEqual({ reasoning: "xhigh", maxTokens: 32000, thinkingBudgets: { high: 5 } });
  });
});
