import type { Model, Usage } from "../types/index.js";
import type { BedrockUsage } from "./bedrock-types.js";

function count(value: number | undefined): number {
  return typeof value === "number" && value > 0 ? value : 0;
}

/** A usage with every count and cost at zero (before `metadata` arrives). */
export function emptyUsage(): Usage {
  return {
    input: 0,
    output: 0,
    cacheRead: 0,
    cacheWrite: 0,
    totalTokens: 0,
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
  };
}

/**
 * Bedrock's token usage → streambed's {@link Usage}, with the cost in US dollars from
 * `model.cost` ($ per million tokens). `input` is Bedrock's `inputTokens`, which excludes cached
 * tokens (they are `cacheRead` / `cacheWrite`). `totalTokens` is Bedrock's own total when sent,
 * else the sum of the four counts. Missing or negative counts are 0.
 */
export function computeUsage(raw: BedrockUsage | undefined, model: Model): Usage {
  const usage = emptyUsage();
  if (raw === undefined || raw === null) return usage;
  usage.input = count(raw.inputTokens);
  usage.output = count(raw.outputTokens);
  usage.cacheRead = count(raw.cacheReadInputTokens);
  usage.cacheWrite = count(raw.cacheWriteInputTokens);
  usage.totalTokens = typeof raw.totalTokens === "number" && raw.totalTokens >= 0 ? raw.totalTokens : usage.input + usage.output + usage.cacheRead + usage.cacheWrite;
  const rates = model.cost;
  if (rates !== undefined) {
    const cost = usage.cost;
    cost.input = (usage.input * (rates.input || 0)) / 1_000_000;
    cost.output = (usage.output * (rates.output || 0)) / 1_000_000;
    cost.cacheRead = (usage.cacheRead * (rates.cacheRead || 0)) / 1_000_000;
    cost.cacheWrite = (usage.cacheWrite * (rates.cacheWrite || 0)) / 1_000_000;
    cost.total = cost.input + cost.output + cost.cacheRead + cost.cacheWrite;
  }
  return usage;
}
