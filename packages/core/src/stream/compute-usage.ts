import type { Model, ReportedUsage, UnknownUsage, Usage } from "../types/index.js";
import { familyOfModel } from "../request/model-family.js";
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
 * `cacheDetails` (writes per ttl) → `cacheWriteByTtl`, and 1-hour writes are priced at
 * `cost.cacheWrite1h` (default: 2× `input` for Claude, else `cacheWrite`); writes it does not
 * place are 5-minute ones.
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
  const byTtl = writesByTtl(raw.cacheDetails, cacheWrite);
  if (byTtl !== undefined) usage.cacheWriteByTtl = byTtl;
  const rates = model.cost;
  if (rates !== undefined) {
    const cost = usage.cost;
    cost.input = (input * (rates.input || 0)) / 1_000_000;
    cost.output = (output * (rates.output || 0)) / 1_000_000;
    cost.cacheRead = (cacheRead * (rates.cacheRead || 0)) / 1_000_000;
    const oneHour = usage.cacheWriteByTtl?.["1h"] ?? 0;
    cost.cacheWrite = ((cacheWrite - oneHour) * (rates.cacheWrite || 0) + oneHour * oneHourRate(rates, model)) / 1_000_000;
    cost.total = cost.input + cost.output + cost.cacheRead + cost.cacheWrite;
  }
  return usage;
}

/** `cacheDetails` → writes per ttl (1h capped at the total written), or undefined when absent. */
function writesByTtl(details: BedrockUsage["cacheDetails"], cacheWrite: number): ReportedUsage["cacheWriteByTtl"] {
  if (!Array.isArray(details)) return undefined;
  let oneHour = 0;
  for (const d of details) if (d !== null && typeof d === "object" && d.ttl === "1h") oneHour += count(d.inputTokens);
  oneHour = Math.min(oneHour, cacheWrite);
  return { "5m": cacheWrite - oneHour, "1h": oneHour };
}

/** $ per million 1-hour cache-write tokens: the model's `cacheWrite1h`, else 2× input for Claude (Anthropic's price), else `cacheWrite`. */
function oneHourRate(rates: Model["cost"], model: Model): number {
  if (typeof rates.cacheWrite1h === "number") return rates.cacheWrite1h;
  const family = familyOfModel(model);
  return family === "claude" || family === "claude-adaptive" ? 2 * (rates.input || 0) : rates.cacheWrite || 0;
}
