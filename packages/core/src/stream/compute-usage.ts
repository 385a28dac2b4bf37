import type { Model, ReportedUsage, UnknownUsage, Usage } from "../types/index.js";
import type { BedrockUsage } from "./bedrock-types.js";

function count(value: number | undefined): number {
  return typeof value === "number" && value > 0 ? value : 0;
}

/** The usage of a call Bedrock reported none for (yet): `{ known: false }`, no counts. */
export function unknownUsage(): UnknownUsage {
  return { known: false };
}

/**
 * Bedrock's token usage → streambed's {@link Usage}, with the cost in US dollars from
 * `model.cost` ($ per million tokens). `input` is Bedrock's `inputTokens`, which excludes cached
 * tokens (they are `cacheRead` / `cacheWrite`). `totalTokens` is Bedrock's own total when sent,
 * else the sum of the four counts. Missing or negative counts are 0. No usage object at all (or
 * not an object) → {@link UnknownUsage}: nothing was reported, which is not zero tokens.
 */
export function computeUsage(raw: BedrockUsage | undefined, model: Model): Usage {
  if (raw === undefined || raw === null || typeof raw !== "object") return unknownUsage();
  const input = count(raw.inputTokens);
  const output = count(raw.outputTokens);
  const cacheRead = count(raw.cacheReadInputTokens);
  const cacheWrite = count(raw.cacheWriteInputTokens);
  const usage: ReportedUsage = {
    input,
    output,
    cacheRead,
    cacheWrite,
    totalTokens: typeof raw.totalTokens === "number" && raw.totalTokens >= 0 ? raw.totalTokens : input + output + cacheRead + cacheWrite,
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
  };
  const rates = model.cost;
  if (rates !== undefined) {
    const cost = usage.cost;
    cost.input = (input * (rates.input || 0)) / 1_000_000;
    cost.output = (output * (rates.output || 0)) / 1_000_000;
    cost.cacheRead = (cacheRead * (rates.cacheRead || 0)) / 1_000_000;
    cost.cacheWrite = (cacheWrite * (rates.cacheWrite || 0)) / 1_000_000;
    cost.total = cost.input + cost.output + cost.cacheRead + cost.cacheWrite;
  }
  return usage;
}
