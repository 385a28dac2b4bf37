import type { Model } from "../types/index.js";
import { claudeVersion, type ModelFamily } from "./model-family.js";

/**
 * Which of `temperature` / `topP` a model takes:
 * - `none`: Claude Opus 4.7 and later (and Mythos/Fable) removed the sampling parameters; any
 *   non-default value is a 400 ("`temperature` is deprecated for this model"), so both are left out.
 * - `either`: Claude 4.1 to 4.6 reject `temperature` and `top_p` together ("cannot both be
 *   specified for this model"); `temperature` is kept, `topP` left out.
 * - `both`: everything else.
 */
export type SamplingRule = "both" | "either" | "none";

export function samplingRule(model: Model, family: ModelFamily): SamplingRule {
  if (family !== "claude" && family !== "claude-adaptive") return "both";
  const version = claudeVersion(model.id) ?? claudeVersion(typeof model.name === "string" ? model.name : "");
  if (version === undefined) return family === "claude-adaptive" ? "none" : "both";
  const v = version.major * 10 + version.minor;
  return v >= 47 ? "none" : v >= 41 ? "either" : "both";
}
