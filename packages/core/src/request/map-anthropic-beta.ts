import type { AnthropicBeta } from "../types/index.js";
import { describeValue, invalidRequest } from "./invalid-request.js";
import type { ModelFamily } from "./model-family.js";

const BETA_FLAG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * `anthropicBeta` → `additionalModelRequestFields.anthropic_beta` (Bedrock's way of passing
 * Anthropic beta flags, e.g. `interleaved-thinking-2025-05-14`, `context-1m-2025-08-07`), merged
 * with an `anthropic_beta` the caller put in `additionalModelRequestFields` (theirs first, no
 * repeats). Claude only: another model would reject the field. Undefined when there are none.
 */
export function mapAnthropicBeta(betas: AnthropicBeta[] | undefined, family: ModelFamily, userFields: Record<string, unknown> | undefined): string[] | undefined {
  if (betas === undefined) return undefined;
  if (!Array.isArray(betas)) invalidRequest("anthropicBeta", `expected an array of beta flags such as ["context-1m-2025-08-07"], got ${describeValue(betas)}.`);
  betas.forEach((flag, i) => {
    if (typeof flag !== "string" || !BETA_FLAG.test(flag)) invalidRequest(`anthropicBeta[${i}]`, `expected a beta flag such as "interleaved-thinking-2025-05-14", got ${describeValue(flag)}.`);
  });
  if (betas.length === 0) return undefined;
  if (family !== "claude" && family !== "claude-adaptive") {
    invalidRequest("anthropicBeta", "Anthropic beta flags are for Claude models only; this model would reject anthropic_beta. Leave anthropicBeta out for it.");
  }
  const theirs = userFields?.anthropic_beta;
  const merged = Array.isArray(theirs) ? theirs.filter((f): f is string => typeof f === "string") : [];
  for (const flag of betas) if (!merged.includes(flag)) merged.push(flag);
  return merged;
}
