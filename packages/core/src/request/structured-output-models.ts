import type { Model } from "../types/index.js";
import { claudeVersion, familyOfModel } from "./model-family.js";

/**
 * Which models take structured output (`outputConfig.textFormat` and `strict` tools), from
 * Bedrock's user guide ("Get validated JSON results from models", and "Structured outputs" for
 * Claude: Claude Haiku 4.5, Sonnet 4.5, Opus 4.5, Opus 4.6 and later). One row per family:
 * `true` accepts, `false` is refused before sending, `undefined` is not known (sent; Bedrock
 * decides).
 */
export const STRUCTURED_OUTPUT_SUPPORT = {
  /** Claude 4.6 and later (Opus/Sonnet 4.6, Opus 4.7, Claude 5.x, Mythos, Fable). */
  "claude-adaptive": true,
  /** Claude 4.5 (Haiku, Sonnet, Opus); older Claude (3.x, 4, 4.1) does not. */
  claude: "4.5 and later",
  /** The guide lists the open-weight models (gpt-oss) through their own response_format; Converse support not listed. */
  openai: undefined,
  nova: undefined,
  deepseek: undefined,
  other: undefined,
} as const;

/** Whether `model` takes structured output: true, false (refused early), or undefined (unknown: sent). */
export function supportsStructuredOutput(model: Model): boolean | undefined {
  const family = familyOfModel(model);
  const row = STRUCTURED_OUTPUT_SUPPORT[family];
  if (row !== "4.5 and later") return row;
  const version = claudeVersion(model.id) ?? claudeVersion(model.name ?? "");
  if (version === undefined) return false; // claude-v2, claude-instant
  return version.major > 4 || (version.major === 4 && version.minor >= 5);
}
