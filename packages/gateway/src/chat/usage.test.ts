import { describe, expect, it } from "vitest";
import { finishReasonOf } from "./finish-reason.js";
import { chatUsageOf, tokenCountsOf } from "./usage.js";

describe("usage and finish reasons", () => {
  it("counts cached tokens in prompt_tokens (Bedrock does not), cache reads as cached_tokens", () => {
    const counts = tokenCountsOf({ input: 10, output: 5, cacheRead: 100, cacheWrite: 20, totalTokens: 135, cost: { total: 0.01 } })!;
    expect(chatUsageOf(counts)).toEqual({ prompt_tokens: 130, completion_tokens: 5, total_tokens: 135, prompt_tokens_details: { cached_tokens: 100 } });
    expect(counts.cost).toBe(0.01);
  });

  it("reads usage Bedrock did not report as none, never zero", () => {
    expect(tokenCountsOf({ known: false })).toBeUndefined();
    expect(tokenCountsOf(undefined)).toBeUndefined();
  });

  it("maps every streambed stop reason", () => {
    expect(["stop", "length", "toolUse", "contentFilter", "refusal", "other", "error", "aborted"].map(finishReasonOf)).toEqual([
      "stop", "length", "tool_calls", "content_filter", "content_filter", "stop", undefined, undefined,
    ]);
  });
});
