import { describe, expect, it } from "vitest";
import { testModel } from "../request/test-helpers.js";
import type { Model } from "../types/index.js";
import { computeUsage } from "./compute-usage.js";

const model: Model = testModel("us.anthropic.claude-sonnet-4-5-20250929-v1:0", { cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } });

describe("computeUsage", () => {
  it("counts tokens and prices them per million", () => {
    const usage = computeUsage(
      { inputTokens: 1000, outputTokens: 2000, totalTokens: 13000, cacheReadInputTokens: 8000, cacheWriteInputTokens: 2000 },
      model,
    );
    expect(usage).toMatchObject({ input: 1000, output: 2000, cacheRead: 8000, cacheWrite: 2000, totalTokens: 13000 });
    if (usage.known === false) throw new Error("usage was reported");
    expect(usage.cost.input).toBeCloseTo(0.003, 12);
    expect(usage.cost.output).toBeCloseTo(0.03, 12);
    expect(usage.cost.cacheRead).toBeCloseTo(0.0024, 12);
    expect(usage.cost.cacheWrite).toBeCloseTo(0.0075, 12);
    expect(usage.cost.total).toBeCloseTo(0.0429, 12);
  });

  it("sums the total when Bedrock sends none, and treats missing or bad counts as 0", () => {
    const usage = computeUsage({ inputTokens: 5, outputTokens: -3, cacheReadInputTokens: 2 }, model);
    expect(usage).toMatchObject({ input: 5, output: 0, cacheRead: 2, cacheWrite: 0, totalTokens: 7 });
  });

  it("reports usage as unknown (not zeros) when Bedrock sent none", () => {
    expect(computeUsage(undefined, model)).toEqual({ known: false });
    expect(computeUsage(null as never, model)).toEqual({ known: false });
    expect(computeUsage("12" as never, model)).toEqual({ known: false });
    expect(computeUsage({}, model)).toMatchObject({ input: 0, output: 0, totalTokens: 0 });
  });

  it("gives zero cost for a free model", () => {
    const free = { ...model, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } };
    expect(computeUsage({ inputTokens: 10, outputTokens: 10, totalTokens: 20 }, free).cost?.total).toBe(0);
  });
});
