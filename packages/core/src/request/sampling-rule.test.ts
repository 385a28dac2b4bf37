import { describe, expect, it } from "vitest";
import { familyOfModel } from "./model-family.js";
import { samplingRule } from "./sampling-rule.js";
import { testModel } from "./test-helpers.js";

describe("samplingRule", () => {
  it.each([
    ["anthropic.claude-opus-4-7", "none"],
    ["us.anthropic.claude-opus-5", "none"],
    ["anthropic.claude-mythos-preview", "none"],
    ["us.anthropic.claude-opus-4-6-v1:0", "either"],
    ["anthropic.claude-sonnet-4-6", "either"],
    ["anthropic.claude-sonnet-4-5-20250929-v1:0", "either"],
    ["anthropic.claude-opus-4-1-20250805-v1:0", "either"],
    ["anthropic.claude-sonnet-4-20250514-v1:0", "both"],
    ["anthropic.claude-3-7-sonnet-20250219-v1:0", "both"],
    ["amazon.nova-pro-v1:0", "both"],
    ["meta.llama3-3-70b-instruct-v1:0", "both"],
  ])("%s → %s", (id, rule) => {
    const model = testModel(id);
    expect(samplingRule(model, familyOfModel(model))).toBe(rule);
  });
});
