import { describe, expect, it } from "vitest";
import { testModel } from "../request/test-helpers.js";
import type { ReportedUsage } from "../types/index.js";
import { computeUsage } from "./compute-usage.js";

// Claude Sonnet 4.5's Bedrock prices: $3 input, $15 output, $0.30 cache read, $3.75 5-minute cache write.
const claude = testModel("us.anthropic.claude-sonnet-4-5-20250929-v1:0", { cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } });
const nova = testModel("amazon.nova-pro-v1:0", { cost: { input: 0.8, output: 3.2, cacheRead: 0.2, cacheWrite: 0 } });

describe("cache writes per ttl (usage.cacheDetails)", () => {
  it("splits cacheWrite by ttl and prices 1-hour writes at 2× input for Claude", () => {
    const usage = computeUsage(
      { inputTokens: 100, outputTokens: 10, cacheWriteInputTokens: 3_000, totalTokens: 3_110, cacheDetails: [{ ttl: "1h", inputTokens: 2_000 }, { ttl: "5m", inputTokens: 1_000 }] },
      claude,
    ) as ReportedUsage;
    expect(usage.cacheWrite).toBe(3_000);
    expect(usage.cacheWriteByTtl).toEqual({ "5m": 1_000, "1h": 2_000 });
    // 1,000 × $3.75/M + 2,000 × $6/M
    expect(usage.cost.cacheWrite).toBeCloseTo(0.00375 + 0.012, 12);
  });

  it("uses the model's own cacheWrite1h price when set, and cacheWrite for non-Claude models", () => {
    const priced = { ...claude, cost: { ...claude.cost, cacheWrite1h: 7 } };
    expect(computeUsage({ cacheWriteInputTokens: 1_000_000, cacheDetails: [{ ttl: "1h", inputTokens: 1_000_000 }] }, priced).cost?.cacheWrite).toBeCloseTo(7, 9);
    const novaWithRate = { ...nova, cost: { ...nova.cost, cacheWrite: 1 } };
    expect(computeUsage({ cacheWriteInputTokens: 1_000_000, cacheDetails: [{ ttl: "1h", inputTokens: 1_000_000 }] }, novaWithRate).cost?.cacheWrite).toBeCloseTo(1, 9);
  });

  it("without cacheDetails prices every write as a 5-minute one and adds no split", () => {
    const usage = computeUsage({ cacheWriteInputTokens: 1_000_000 }, claude) as ReportedUsage;
    expect(usage.cacheWriteByTtl).toBeUndefined();
    expect(usage.cost.cacheWrite).toBeCloseTo(3.75, 9);
  });

  it("never counts more 1-hour writes than were written", () => {
    const usage = computeUsage({ cacheWriteInputTokens: 10, cacheDetails: [{ ttl: "1h", inputTokens: 50 }, { ttl: "1h", inputTokens: -4 }] }, claude) as ReportedUsage;
    expect(usage.cacheWriteByTtl).toEqual({ "5m": 0, "1h": 10 });
  });
});
