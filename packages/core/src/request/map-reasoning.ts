import type { Model, ReasoningLevel } from "../types/index.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";
import type { ModelFamily } from "./model-family.js";

/** What a reasoning level turns into for one model. */
export interface ReasoningPlan {
  /** Merged into `additionalModelRequestFields` (the caller's own fields win). */
  fields: Record<string, unknown>;
  /** Claude thinking is on: Anthropic then rejects `temperature` ≠ 1 and `topP` < 0.95. */
  claudeThinking: boolean;
  /** The `maxTokens` to send instead of the request's (older Claude: kept above the budget). */
  maxTokens: number | undefined;
  /** Nova at high effort: Bedrock rejects `maxTokens`, `temperature` and `topP` alongside it. */
  omitSampling: boolean;
}

type Effort = "low" | "medium" | "high";

/** Thinking budgets for older Claude, per level (pi-ai's defaults). Anthropic's minimum is 1024. */
export const THINKING_BUDGETS = { minimal: 1024, low: 2048, medium: 8192, high: 16384 } as const;
/** Room left for the answer when the budget has to be raised above `maxTokens`. */
export const ANSWER_TOKENS = 8192;
const MIN_BUDGET = 1024;

const NONE: ReasoningPlan = { fields: {}, claudeThinking: false, maxTokens: undefined, omitSampling: false };

/**
 * `reasoning` per model family. `off` (or absent) sends nothing anywhere.
 * - `claude-adaptive` (Claude ≥ 4.6): `thinking: { type: "adaptive", display: "summarized" }` +
 *   `output_config: { effort }`, as Bedrock documents for Opus/Sonnet 4.6 and later ("Use
 *   thinking.type: "adaptive" with output_config.effort"; `enabled` + `budget_tokens` is deprecated
 *   there and rejected from Opus 4.7 on). `display: "summarized"` because Opus 4.7 changed the
 *   default to "omitted" (empty thinking text, signature only); 4.6 already summarises. Not sent
 *   where Bedrock rejects the field (`displaySupported: false`: the GovCloud partition).
 *   minimal/low → low, medium → medium, high → high; a budget maps to an effort (< 4096 → low,
 *   < 16384 → medium, else high).
 * - `claude`: `thinking: { type: "enabled", budget_tokens }` with budgets {@link THINKING_BUDGETS};
 *   `maxTokens` is raised to budget + the request's `maxTokens` (or {@link ANSWER_TOKENS}) when it
 *   is not above the budget, capped at `model.maxTokens`, shrinking the budget if the cap requires.
 * - `nova` (Nova 2): `reasoningConfig: { type: "enabled", maxReasoningEffort }`; at `high` Bedrock
 *   refuses maxTokens/temperature/topP, so they are left out.
 * - `openai` (gpt-oss): `reasoning_effort` (low | medium | high); gpt-oss always reasons, so `off`
 *   leaves the model's default.
 * - `deepseek` (R1 reasons by itself, no knob) and `other`: nothing; pass model-specific fields
 *   through `additionalModelRequestFields`.
 * Reasoning is not sent when `model.reasoning` is false (ignored, like pi-ai: one agent-wide level
 * must keep working across models), nor for Claude/Nova when `toolChoice` forces a tool (both
 * reject thinking with a forced tool; the per-call forced tool wins).
 */
export function planReasoning(
  level: ReasoningLevel | undefined,
  model: Model,
  family: ModelFamily,
  context: { maxTokens: number | undefined; forcesTool: boolean; displaySupported?: boolean },
): ReasoningPlan {
  checkLevel(level);
  if (level === undefined || level === "off" || model.reasoning === false) return NONE;
  if (context.forcesTool && family !== "openai") return NONE;
  switch (family) {
    case "claude-adaptive":
      return {
        ...NONE,
        fields: { thinking: context.displaySupported === false ? { type: "adaptive" } : { type: "adaptive", display: "summarized" }, output_config: { effort: effortOf(level) } },
        claudeThinking: true,
      };
    case "claude":
      return { ...budgetedThinking(level, model, context.maxTokens), claudeThinking: true };
    case "nova": {
      const effort = effortOf(level);
      return { ...NONE, fields: { reasoningConfig: { type: "enabled", maxReasoningEffort: effort } }, omitSampling: effort === "high" };
    }
    case "openai":
      return { ...NONE, fields: { reasoning_effort: effortOf(level) } };
    default:
      return NONE;
  }
}

function checkLevel(level: unknown): asserts level is ReasoningLevel | undefined {
  if (level === undefined || level === "off" || level === "minimal" || level === "low" || level === "medium" || level === "high") return;
  if (isPlainObject(level)) {
    const b = level.budgetTokens;
    if (typeof b === "number" && Number.isInteger(b) && b > 0) return;
    invalidRequest("reasoning.budgetTokens", `expected a positive whole number of tokens, got ${describeValue(b)}.`);
  }
  invalidRequest("reasoning", `unknown reasoning level ${describeValue(level)}. Use "off", "minimal", "low", "medium", "high" or { budgetTokens: n }.`);
}

function effortOf(level: Exclude<ReasoningLevel, "off">): Effort {
  if (typeof level === "object") return level.budgetTokens < 4096 ? "low" : level.budgetTokens < 16384 ? "medium" : "high";
  return level === "minimal" ? "low" : level;
}

function budgetedThinking(level: Exclude<ReasoningLevel, "off">, model: Model, requested: number | undefined): ReasoningPlan {
  let budget = Math.max(MIN_BUDGET, typeof level === "object" ? level.budgetTokens : THINKING_BUDGETS[level]);
  const cap = typeof model.maxTokens === "number" && model.maxTokens > 0 ? model.maxTokens : Number.POSITIVE_INFINITY;
  let maxTokens = requested;
  if (maxTokens === undefined || maxTokens <= budget) maxTokens = Math.min(cap, budget + (requested ?? ANSWER_TOKENS));
  if (maxTokens <= budget) budget = maxTokens - Math.min(4096, Math.floor(maxTokens / 2));
  if (budget < MIN_BUDGET) {
    invalidRequest("reasoning", `model ${model.id} allows ${maxTokens} output tokens, too few for a thinking budget (Anthropic's minimum is ${MIN_BUDGET} plus room for the answer). Turn reasoning off.`);
  }
  return { ...NONE, fields: { thinking: { type: "enabled", budget_tokens: budget } }, maxTokens };
}
