import type { Model } from "../types/index.js";
import { claudeVersion, familyOfModel } from "./model-family.js";

/**
 * Whether Bedrock accepts `cachePoint` blocks for this model: `model.supportsCaching` when set,
 * else what streambed knows: Claude 3.5 and later (3.5 Haiku/Sonnet, 3.7, 4.x, 5.x, Mythos, Fable)
 * and Amazon Nova → true; older Claude (3, 2.x, Instant) → false; anything else → undefined
 * (unknown: prompt caching then stays off unless `forceCache` is set).
 */
export function supportsPromptCaching(model: Model): boolean | undefined {
  if (typeof model.supportsCaching === "boolean") return model.supportsCaching;
  const family = familyOfModel(model);
  if (family === "nova" || family === "claude-adaptive") return true;
  if (family !== "claude") return undefined;
  const version = claudeVersion(model.id) ?? claudeVersion(model.name ?? "");
  if (version === undefined) return false; // claude-v2, claude-instant-v1
  return version.major > 3 || (version.major === 3 && version.minor >= 5);
}
