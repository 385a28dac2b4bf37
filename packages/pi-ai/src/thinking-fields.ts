import type { Api, BedrockThinkingDisplay, Model, ThinkingBudgets, ThinkingLevel } from "@mariozechner/pi-ai";
import { isClaude, isGovCloudTarget, supportsAdaptiveThinking, supportsNativeXhighEffort } from "./model-traits.js";

/** pi-ai's default thinking budgets per level (older Claude, `budget_tokens`). */
export const DEFAULT_THINKING_BUDGETS: Readonly<Record<ThinkingLevel, number>> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 16384 };

/** The reasoning part of a pi-ai Bedrock call. */
export interface ThinkingOptions {
  reasoning?: ThinkingLevel | undefined;
  thinkingBudgets?: ThinkingBudgets | undefined;
  interleavedThinking?: boolean | undefined;
  thinkingDisplay?: BedrockThinkingDisplay | undefined;
}

/** What goes into the Converse body for reasoning: Claude's fields, and the beta flags. */
export interface ThinkingFields {
  /** `additionalModelRequestFields` members (`thinking`, `output_config`); empty when reasoning is off. */
  fields: Record<string, unknown>;
  /** Anthropic beta flags (`interleaved-thinking-2025-05-14` for older Claude, unless turned off). */
  anthropicBeta: string[];
}

function effort(model: Model<Api>, level: ThinkingLevel): string {
  if (level === "xhigh" && supportsNativeXhighEffort(model)) return "xhigh";
  const mapped = model.thinkingLevelMap?.[level];
  if (typeof mapped === "string") return mapped;
  return level === "minimal" || level === "low" ? "low" : level === "medium" ? "medium" : "high";
}

/**
 * pi-ai's reasoning → Bedrock fields, as its Bedrock provider sends them: nothing unless the
 * model reasons and a level is given; Claude 4.6+ `thinking: { type: "adaptive", display }` with
 * `output_config.effort` (the model's `thinkingLevelMap` first); older Claude `thinking: { type:
 * "enabled", budget_tokens, display }` from `thinkingBudgets` (pi-ai's defaults otherwise) plus
 * the interleaved-thinking beta unless `interleavedThinking: false`. `display` is
 * `thinkingDisplay ?? "summarized"`, left out for GovCloud. Other families: nothing (pi-ai sends
 * nothing for them either).
 */
export function thinkingFields(model: Model<Api>, options: ThinkingOptions, region: string | undefined): ThinkingFields {
  const level = options.reasoning;
  if (!level || !model.reasoning || !isClaude(model)) return { fields: {}, anthropicBeta: [] };
  const display = isGovCloudTarget(model, region) ? undefined : (options.thinkingDisplay ?? "summarized");
  const withDisplay = display === undefined ? {} : { display };
  if (supportsAdaptiveThinking(model)) {
    return { fields: { thinking: { type: "adaptive", ...withDisplay }, output_config: { effort: effort(model, level) } }, anthropicBeta: [] };
  }
  const budgetLevel = level === "xhigh" ? "high" : level;
  const budget = options.thinkingBudgets?.[budgetLevel] ?? DEFAULT_THINKING_BUDGETS[level];
  return {
    fields: { thinking: { type: "enabled", budget_tokens: budget, ...withDisplay } },
    anthropicBeta: (options.interleavedThinking ?? true) ? ["interleaved-thinking-2025-05-14"] : [],
  };
}

/**
 * pi-ai's `streamSimple` for Bedrock before it calls `stream`: older Claude gets `maxTokens`
 * raised by the level's budget (capped at the model's), and the budget shrunk to leave 1,024
 * answer tokens when the cap leaves no room. Returns the `maxTokens` and budgets to use.
 */
export function adjustForThinking(
  model: Model<Api>,
  maxTokens: number | undefined,
  level: ThinkingLevel,
  budgets: ThinkingBudgets | undefined,
): { maxTokens: number | undefined; thinkingBudgets: ThinkingBudgets | undefined } {
  if (!isClaude(model) || supportsAdaptiveThinking(model)) return { maxTokens, thinkingBudgets: budgets };
  const clamped = level === "xhigh" ? "high" : level;
  const all = { ...DEFAULT_THINKING_BUDGETS, ...budgets };
  let budget = all[clamped];
  const adjusted = Math.min((maxTokens || 0) + budget, model.maxTokens);
  if (adjusted <= budget) budget = Math.max(0, adjusted - 1024);
  return { maxTokens: adjusted, thinkingBudgets: { ...budgets, [clamped]: budget } };
}
