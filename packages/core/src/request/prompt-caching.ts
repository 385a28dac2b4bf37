import type { Model } from "../types/index.js";
import { claudeVersion, familyOfModel } from "./model-family.js";

/** Amazon Nova models with prompt caching (Bedrock's prompt-caching guide): Micro, Lite, Pro, Premier, and Nova 2 Lite/Pro. */
const NOVA_CACHING = /(^|[^a-z])nova-(2-)?(micro|lite|pro|premier)([^a-z]|$)/;

function claudeAtLeast(model: Model, major: number, minor: number): boolean {
  const version = claudeVersion(model.id) ?? claudeVersion(model.name ?? "");
  if (version === undefined) return false; // claude-v2, claude-instant-v1
  return version.major > major || (version.major === major && version.minor >= minor);
}

function novaName(model: Model): string {
  return `${model.id} ${model.name ?? ""}`.toLowerCase().replace(/[\s_.]+/g, "-");
}

/**
 * Whether Bedrock accepts `cachePoint` blocks for this model: `model.supportsCaching` when set,
 * else what streambed knows: Claude 3.5 and later (3.5 Haiku/Sonnet, 3.7, 4.x, 5.x, Mythos, Fable)
 * and Amazon Nova Micro / Lite / Pro / Premier / Nova 2 Lite → true; older Claude (3, 2.x,
 * Instant) and the other Nova models (Sonic, Canvas, Reel, embeddings) → false; anything else →
 * undefined (unknown: prompt caching then stays off unless `forceCache` is set).
 */
export function supportsPromptCaching(model: Model): boolean | undefined {
  if (typeof model.supportsCaching === "boolean") return model.supportsCaching;
  const family = familyOfModel(model);
  if (family === "claude-adaptive") return true;
  if (family === "nova") return NOVA_CACHING.test(novaName(model));
  if (family !== "claude") return undefined;
  return claudeAtLeast(model, 3, 5);
}

/** Where and how a model takes cache points, beyond "at all" ({@link supportsPromptCaching}). */
export interface CacheRules {
  /** Whether a cache point may go in `toolConfig.tools` (Nova: no). */
  tools: boolean;
  /** Whether a cache point may follow a `toolResult` block in a message (Nova: no). */
  afterToolResult: boolean;
  /** Whether `ttl: "1h"` is taken: true, false, or unknown (undefined: sent, Bedrock decides). */
  oneHour: boolean | undefined;
  /** Most cache points in one request (Claude and Nova: 4). */
  maxPoints: number | undefined;
}

/**
 * Per-model cache-point rules from Bedrock's prompt-caching guide: Claude caches tools, system and
 * messages, 1-hour ttl from Claude 4.5 (Haiku/Sonnet/Opus 4.5) on; Nova caches system and messages
 * only, 5 minutes only, and rejects a cache point after a tool result (pi #2053); both take at
 * most 4 cache points. Other models: nothing known, nothing refused.
 */
export function cacheRules(model: Model): CacheRules {
  switch (familyOfModel(model)) {
    case "claude-adaptive":
      return { tools: true, afterToolResult: true, oneHour: true, maxPoints: 4 };
    case "claude":
      return { tools: true, afterToolResult: true, oneHour: claudeAtLeast(model, 4, 5), maxPoints: 4 };
    case "nova":
      return { tools: false, afterToolResult: false, oneHour: false, maxPoints: 4 };
    default:
      return { tools: true, afterToolResult: true, oneHour: undefined, maxPoints: undefined };
  }
}
