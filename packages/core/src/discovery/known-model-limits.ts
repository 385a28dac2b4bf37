import type { InputModality, Model, ModelCost } from "../types/model.js";
import { baseModelId } from "./base-model-id.js";

/**
 * Limits and list prices of popular Bedrock models, so that discovered or bare-id models do not
 * fall back to the 32000 / 4096 guesses. Matched on the foundation-model id (geography prefix and
 * ARN stripped); first match wins, so specific patterns come before general ones.
 *
 * Sources (read 2025–2026; prices are US$ per million tokens, on-demand, us-east-1):
 * - Anthropic: https://docs.anthropic.com/en/docs/about-claude/models/overview (context window,
 *   max output) and https://docs.anthropic.com/en/docs/about-claude/pricing (input/output, cache
 *   write = 1.25× input, cache read = 0.1× input); Bedrock lists the same prices.
 * - Bedrock prices for every vendor: https://aws.amazon.com/bedrock/pricing/
 * - Amazon Nova: https://docs.aws.amazon.com/nova/latest/userguide/what-is-nova.html
 * - Meta Llama on Bedrock: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html
 * - Mistral, DeepSeek, Qwen, OpenAI gpt-oss, Cohere: the vendors' model cards, cross-checked with
 *   https://models.dev (the catalogue pi-ai generates its model list from).
 * - Prompt caching support: https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 * Refreshed 2026-12-04 (issue 16), each entry's source beside it:
 * - Bedrock model cards, https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-4-6.html
 *   and …-opus-4-7.html: 1M context, 128K output (4.6 takes 1M with the context-1m beta header).
 * - Anthropic's model pages, https://platform.claude.com/docs/en/models/<model>/overview (opus-4-8,
 *   sonnet-4-6, sonnet-5, opus-5, opus-5-5, sonnet-5-5): context, max output, price; Sonnet 5's
 *   cache prices (5m write $2.50, 1h write $4, read $0.20) follow the 1.25× / 0.1× rule.
 * - Nova 2 Lite: its Bedrock model card, https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-2-lite.html
 *   (1M context, 64K output; AWS's migration post says 65K: the lower is used); price from Bedrock's
 *   pricing as listed by https://vercel.com/ai-gateway/models/nova-2-lite ($0.33 / $2.75).
 * - Bedrock's own ValidationException for maxTokens above the limit: Claude 3.5 Sonnet (20240620)
 *   and 3.5 Haiku answer "exceeds the model limit of 4096" through Converse (vercel/ai #2772,
 *   langgenius/dify #10390, RooCodeInc/Roo-Code #248), so their maxTokens here is 4096.
 * Where sources disagree on max output tokens, the lower value is used: a too-high value makes
 * Bedrock reject the call, a too-low one only shortens the answer. Limits Bedrock reports at run time
 * (learned-limits.ts) override these when lower.
 */
interface KnownLimits {
  name: string;
  contextWindow: number;
  maxTokens: number;
  reasoning: boolean;
  input: InputModality[];
  cost: ModelCost;
  supportsCaching?: boolean;
}

const TI: InputModality[] = ["text", "image"];
const T: InputModality[] = ["text"];

/** cost(input, output, cacheRead, cacheWrite) */
function cost(input: number, output: number, cacheRead = 0, cacheWrite = 0): ModelCost {
  return { input, output, cacheRead, cacheWrite };
}

/** Anthropic prices: cache read 0.1×, cache write 1.25× the input price. */
function claudeCost(input: number, output: number): ModelCost {
  return cost(input, output, Math.round(input * 0.1 * 1000) / 1000, Math.round(input * 1.25 * 1000) / 1000);
}

const claude = (name: string, contextWindow: number, maxTokens: number, reasoning: boolean, c: ModelCost, supportsCaching?: boolean): KnownLimits => ({
  name,
  contextWindow,
  maxTokens,
  reasoning,
  input: TI,
  cost: c,
  ...(supportsCaching === undefined ? {} : { supportsCaching }),
});

/**
 * Marks an entry whose prefix is a whole version: it matches only when no further version number
 * follows (`claude-opus-5` and `claude-opus-5-v1:0`, not `claude-opus-5-5` or `claude-opus-55`).
 */
const NO_VERSION_AFTER = true;

/**
 * The table: a foundation-model id prefix, its limits, and whether the prefix must not be followed by
 * `[-.]?digit`. Plain prefixes rather than regular expressions: each pattern tried is compiled on its
 * first use, and a lookup of an id not in the table tried all ≈ 50 (≈ 8 M instructions of a cold start).
 */
type KnownTable = ReadonlyArray<readonly [prefix: string, limits: KnownLimits, noVersionAfter?: boolean]>;

/** The table, built on first use: as a module-level array of calls a bundler would keep it even where unused. */
let known: KnownTable | undefined;

function knownTable(): KnownTable {
  return (known ??= [
    // Anthropic Claude: 1M context from the 4.6 generation on (4.6 with the context-1m beta); 200K before
    // (1M for Sonnet 4/4.5 is a beta and not assumed).
    ["anthropic.claude-opus-5-5", claude("Claude Opus 5.5", 1_000_000, 128_000, true, claudeCost(4, 20), true)],
    ["anthropic.claude-sonnet-5-5", claude("Claude Sonnet 5.5", 1_000_000, 128_000, true, claudeCost(2, 10), true)],
    ["anthropic.claude-opus-5", claude("Claude Opus 5", 1_000_000, 128_000, true, claudeCost(5, 25), true), NO_VERSION_AFTER],
    ["anthropic.claude-sonnet-5", claude("Claude Sonnet 5", 1_000_000, 128_000, true, claudeCost(2, 10), true), NO_VERSION_AFTER],
    ["anthropic.claude-opus-4-8", claude("Claude Opus 4.8", 1_000_000, 128_000, true, claudeCost(5, 25), true)],
    ["anthropic.claude-opus-4-7", claude("Claude Opus 4.7", 1_000_000, 128_000, true, claudeCost(5, 25), true)],
    ["anthropic.claude-opus-4-6", claude("Claude Opus 4.6", 1_000_000, 128_000, true, claudeCost(5, 25), true)],
    // Anthropic's page says 128K output, other listings 64K: the lower is used.
    ["anthropic.claude-sonnet-4-6", claude("Claude Sonnet 4.6", 1_000_000, 64_000, true, claudeCost(3, 15), true)],
    ["anthropic.claude-opus-4-5", claude("Claude Opus 4.5", 200_000, 64_000, true, claudeCost(5, 25), true)],
    ["anthropic.claude-sonnet-4-5", claude("Claude Sonnet 4.5", 200_000, 64_000, true, claudeCost(3, 15), true)],
    ["anthropic.claude-haiku-4-5", claude("Claude Haiku 4.5", 200_000, 64_000, true, claudeCost(1, 5), true)],
    ["anthropic.claude-opus-4-1", claude("Claude Opus 4.1", 200_000, 32_000, true, claudeCost(15, 75), true)],
    ["anthropic.claude-opus-4-2025", claude("Claude Opus 4", 200_000, 32_000, true, claudeCost(15, 75), true)],
    ["anthropic.claude-sonnet-4-2025", claude("Claude Sonnet 4", 200_000, 64_000, true, claudeCost(3, 15), true)],
    ["anthropic.claude-3-7-sonnet", claude("Claude Sonnet 3.7", 200_000, 64_000, true, claudeCost(3, 15), true)],
    ["anthropic.claude-3-5-haiku", claude("Claude Haiku 3.5", 200_000, 4_096, false, claudeCost(0.8, 4), true)],
    ["anthropic.claude-3-5-sonnet-20241022", claude("Claude Sonnet 3.5 v2", 200_000, 8_192, false, claudeCost(3, 15))],
    ["anthropic.claude-3-5-sonnet", claude("Claude Sonnet 3.5", 200_000, 4_096, false, cost(3, 15))],
    ["anthropic.claude-3-opus", claude("Claude Opus 3", 200_000, 4_096, false, cost(15, 75))],
    ["anthropic.claude-3-sonnet", claude("Claude Sonnet 3", 200_000, 4_096, false, cost(3, 15))],
    ["anthropic.claude-3-haiku", claude("Claude Haiku 3", 200_000, 4_096, false, cost(0.25, 1.25))],

    // Amazon Nova (Nova 2 Lite also takes video and documents; reasoning is its extended thinking)
    ["amazon.nova-2-lite", { name: "Nova 2 Lite", contextWindow: 1_000_000, maxTokens: 64_000, reasoning: true, input: TI, cost: cost(0.33, 2.75) }],
    ["amazon.nova-premier", { name: "Nova Premier", contextWindow: 1_000_000, maxTokens: 16_384, reasoning: false, input: TI, cost: cost(2.5, 12.5), supportsCaching: true }],
    ["amazon.nova-pro", { name: "Nova Pro", contextWindow: 300_000, maxTokens: 8_192, reasoning: false, input: TI, cost: cost(0.8, 3.2, 0.2), supportsCaching: true }],
    ["amazon.nova-lite", { name: "Nova Lite", contextWindow: 300_000, maxTokens: 8_192, reasoning: false, input: TI, cost: cost(0.06, 0.24, 0.015), supportsCaching: true }],
    ["amazon.nova-micro", { name: "Nova Micro", contextWindow: 128_000, maxTokens: 8_192, reasoning: false, input: T, cost: cost(0.035, 0.14, 0.00875), supportsCaching: true }],

    // Meta Llama (Bedrock caps max_gen_len at 2048 for Llama 3.x)
    ["meta.llama4-maverick", { name: "Llama 4 Maverick 17B Instruct", contextWindow: 1_000_000, maxTokens: 8_192, reasoning: false, input: TI, cost: cost(0.24, 0.97) }],
    ["meta.llama4-scout", { name: "Llama 4 Scout 17B Instruct", contextWindow: 3_500_000, maxTokens: 8_192, reasoning: false, input: TI, cost: cost(0.17, 0.66) }],
    ["meta.llama3-3-70b", { name: "Llama 3.3 70B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: T, cost: cost(0.72, 0.72) }],
    ["meta.llama3-2-90b", { name: "Llama 3.2 90B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: TI, cost: cost(0.72, 0.72) }],
    ["meta.llama3-2-11b", { name: "Llama 3.2 11B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: TI, cost: cost(0.16, 0.16) }],
    ["meta.llama3-2-3b", { name: "Llama 3.2 3B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: T, cost: cost(0.15, 0.15) }],
    ["meta.llama3-2-1b", { name: "Llama 3.2 1B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: T, cost: cost(0.1, 0.1) }],
    ["meta.llama3-1-405b", { name: "Llama 3.1 405B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: T, cost: cost(2.4, 2.4) }],
    ["meta.llama3-1-70b", { name: "Llama 3.1 70B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: T, cost: cost(0.72, 0.72) }],
    ["meta.llama3-1-8b", { name: "Llama 3.1 8B Instruct", contextWindow: 128_000, maxTokens: 2_048, reasoning: false, input: T, cost: cost(0.22, 0.22) }],

    // Mistral
    ["mistral.pixtral-large", { name: "Pixtral Large (25.02)", contextWindow: 128_000, maxTokens: 8_192, reasoning: false, input: TI, cost: cost(2, 6) }],
    ["mistral.mistral-large-2407", { name: "Mistral Large (24.07)", contextWindow: 128_000, maxTokens: 8_192, reasoning: false, input: T, cost: cost(2, 6) }],
    ["mistral.mistral-large-2402", { name: "Mistral Large (24.02)", contextWindow: 32_000, maxTokens: 8_192, reasoning: false, input: T, cost: cost(4, 12) }],
    ["mistral.mistral-small-2402", { name: "Mistral Small (24.02)", contextWindow: 32_000, maxTokens: 8_192, reasoning: false, input: T, cost: cost(1, 3) }],

    // DeepSeek
    ["deepseek.r1", { name: "DeepSeek-R1", contextWindow: 128_000, maxTokens: 32_768, reasoning: true, input: T, cost: cost(1.35, 5.4) }],
    ["deepseek.v3", { name: "DeepSeek-V3.1", contextWindow: 128_000, maxTokens: 32_768, reasoning: true, input: T, cost: cost(0.58, 1.68) }],

    // OpenAI open-weight models
    ["openai.gpt-oss-120b", { name: "gpt-oss-120b", contextWindow: 128_000, maxTokens: 32_768, reasoning: true, input: T, cost: cost(0.15, 0.6) }],
    ["openai.gpt-oss-20b", { name: "gpt-oss-20b", contextWindow: 128_000, maxTokens: 32_768, reasoning: true, input: T, cost: cost(0.07, 0.3) }],

    // Qwen
    ["qwen.qwen3-coder-480b", { name: "Qwen3 Coder 480B A35B Instruct", contextWindow: 262_144, maxTokens: 65_536, reasoning: false, input: T, cost: cost(0.22, 1.8) }],
    ["qwen.qwen3-coder-30b", { name: "Qwen3 Coder 30B A3B Instruct", contextWindow: 262_144, maxTokens: 65_536, reasoning: false, input: T, cost: cost(0.15, 0.6) }],
    ["qwen.qwen3-235b", { name: "Qwen3 235B A22B 2507", contextWindow: 262_144, maxTokens: 65_536, reasoning: false, input: T, cost: cost(0.22, 0.88) }],
    ["qwen.qwen3-32b", { name: "Qwen3 32B", contextWindow: 32_768, maxTokens: 16_384, reasoning: true, input: T, cost: cost(0.15, 0.6) }],

    // Cohere
    ["cohere.command-r-plus", { name: "Command R+", contextWindow: 128_000, maxTokens: 4_096, reasoning: false, input: T, cost: cost(3, 15) }],
    ["cohere.command-r-v", { name: "Command R", contextWindow: 128_000, maxTokens: 4_096, reasoning: false, input: T, cost: cost(0.5, 1.5) }],
  ]);
}

/**
 * What streambed knows about a Bedrock model: name, context window, max output tokens, reasoning,
 * input modalities, list price and prompt-caching support. Accepts bare ids, inference-profile ids
 * (`us.…`, `global.…`) and ARNs. `undefined` for models not in the table.
 */
export function knownModelLimits(modelId: string): Partial<Model> | undefined {
  const base = baseModelId(modelId).toLowerCase();
  for (const [prefix, limits, noVersionAfter] of knownTable()) {
    if (base.startsWith(prefix) && !(noVersionAfter && versionFollows(base, prefix.length))) return { ...limits, input: [...limits.input], cost: { ...limits.cost } };
  }
  return undefined;
}

/** Whether `id` has a version number at `at`: a digit, or `-` / `.` and a digit. */
function versionFollows(id: string, at: number): boolean {
  const c = id.charCodeAt(at);
  return isDigit(c) || ((c === 45 || c === 46) && isDigit(id.charCodeAt(at + 1)));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
