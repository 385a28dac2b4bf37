import type { Model } from "../types/index.js";
import { rememberById } from "../model/remember-by-id.js";

/**
 * How streambed shapes a request for a model:
 * - `claude-adaptive`: Claude 4.6 and later (Opus/Sonnet 4.6, Opus 4.7, Claude 5.x, Mythos, Fable):
 *   adaptive thinking with an effort.
 * - `claude`: older Claude (3.x, 4, 4.1, 4.5, …): thinking with `budget_tokens`.
 * - `nova`: Amazon Nova (1 and 2): `reasoningConfig`.
 * - `deepseek`: DeepSeek (R1 reasons on its own; no knob).
 * - `openai`: OpenAI gpt-oss: `reasoning_effort`.
 * - `other`: everything else (Llama, Mistral, Cohere, Qwen, …) and opaque ids
 *   (application inference profile ARNs): no model-specific fields.
 */
export type ModelFamily = "claude-adaptive" | "claude" | "nova" | "deepseek" | "openai" | "other";

/** A Claude model's version, when its id or name says it (`claude-3-5-sonnet` → 3.5, `claude-opus-4-6` → 4.6). */
export interface ClaudeVersion {
  major: number;
  minor: number;
}

const VENDORS = new Set(["anthropic", "amazon", "deepseek", "openai", "meta", "mistral", "cohere", "ai21", "qwen", "writer", "moonshot", "moonshotai", "google", "minimax", "nvidia", "twelvelabs", "stability", "luma"]);

/**
 * The model name without ARN, `amazon-bedrock/` prefix, geography prefix (`us.`, `eu.`, `apac.`,
 * `global.`, `jp.`, `au.`, …) and vendor, lower-cased, with `:revision` dropped:
 * `arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0` → `claude-3-7-sonnet-20250219-v1`
 * (vendor `anthropic`). Names like `Claude Sonnet 4.6` become `claude-sonnet-4-6` (no vendor).
 */
interface ParsedModelId {
  readonly vendor: string | undefined;
  readonly name: string;
}

/**
 * Parsing a model id, and its family, remembered per id: a request asks for both several times, on
 * every call (≈ 10 µs a call when the CPU comes back from waiting on the network).
 */
const parseModelId = rememberById((modelId): ParsedModelId => Object.freeze(parseModelIdOnce(modelId)));

function parseModelIdOnce(modelId: string): ParsedModelId {
  let id = modelId.trim().toLowerCase();
  if (id.startsWith("arn:")) id = id.slice(id.lastIndexOf("/") + 1);
  else if (id.startsWith("amazon-bedrock/")) id = id.slice("amazon-bedrock/".length);
  const colon = id.indexOf(":");
  if (colon >= 0) id = id.slice(0, colon);
  const parts = id.split(".");
  const at = parts.findIndex((p) => VENDORS.has(p));
  if (at >= 0 && at < parts.length - 1) return { vendor: parts[at], name: parts.slice(at + 1).join("-") };
  return { vendor: undefined, name: id.replace(/[\s._/]+/g, "-") };
}

/** The Claude version in a model id or name, or undefined (no version in it, or not Claude). */
export function claudeVersion(modelId: string): ClaudeVersion | undefined {
  const { vendor, name } = parseModelId(modelId);
  if ((vendor !== undefined && vendor !== "anthropic") || !name.startsWith("claude")) return undefined;
  const tokens = name.split("-");
  for (let i = 1; i < tokens.length; i++) {
    if (/^\d{1,2}$/.test(tokens[i]!)) {
      const next = tokens[i + 1];
      return { major: Number(tokens[i]), minor: next !== undefined && /^\d$/.test(next) ? Number(next) : 0 };
    }
  }
  return undefined;
}

/**
 * The {@link ModelFamily} of a Bedrock model id, inference-profile id (`us.…`, `global.…`), ARN
 * (foundation-model or inference-profile; an application-inference-profile ARN is opaque → `other`)
 * or `amazon-bedrock/<id>` reference.
 */
export function modelFamily(modelId: string): ModelFamily {
  return rememberedFamily(modelId);
}

const rememberedFamily = rememberById(familyOnce);

function familyOnce(modelId: string): ModelFamily {
  const { vendor, name } = parseModelId(modelId);
  if ((vendor === undefined || vendor === "anthropic") && name.startsWith("claude")) {
    const version = claudeVersion(modelId);
    if (version === undefined) return /(^|-)(mythos|fable)(-|$)/.test(name) ? "claude-adaptive" : "claude";
    return version.major > 4 || (version.major === 4 && version.minor >= 6) ? "claude-adaptive" : "claude";
  }
  if ((vendor === undefined || vendor === "amazon") && name.startsWith("nova")) return "nova";
  if (vendor === "deepseek" || (vendor === undefined && name.startsWith("deepseek"))) return "deepseek";
  if (vendor === "openai" || (vendor === undefined && name.startsWith("gpt-oss"))) return "openai";
  return "other";
}

/**
 * The family of a {@link Model}: from its id, else (opaque ids such as application inference
 * profile ARNs) from its display name (`Claude Sonnet 4.6`).
 */
export function familyOfModel(model: Model): ModelFamily {
  const byId = modelFamily(model.id);
  if (byId !== "other" || typeof model.name !== "string" || model.name === "") return byId;
  return modelFamily(model.name);
}
