/** Usage as streambed reports it (also when Bedrock reported none: `known: false`). */
export interface StreambedUsageLike {
  known?: boolean;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  totalTokens?: number;
  cost?: { total: number };
}

/** Token counts Bedrock reported, or undefined when it reported none. */
export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** US dollars, from the model's configured prices (0 when unpriced). */
  cost: number;
}

/** streambed's usage → counts, or undefined when none was reported (never read as zero). */
export function tokenCountsOf(usage: StreambedUsageLike | undefined): TokenCounts | undefined {
  if (usage === undefined || usage.known === false || typeof usage.input !== "number") return undefined;
  return { input: usage.input, output: usage.output ?? 0, cacheRead: usage.cacheRead ?? 0, cacheWrite: usage.cacheWrite ?? 0, cost: usage.cost?.total ?? 0 };
}

/** The `usage` object of a chat completion. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
}

/**
 * Bedrock's counts → OpenAI's chat usage. Bedrock's `inputTokens` excludes cached tokens, OpenAI's
 * `prompt_tokens` includes them: prompt = input + cache read + cache write, of which
 * `cached_tokens` = cache read (as bedrock-access-gateway and LiteLLM count it).
 */
export function chatUsageOf(counts: TokenCounts): ChatUsage {
  const prompt = counts.input + counts.cacheRead + counts.cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: counts.output,
    total_tokens: prompt + counts.output,
    prompt_tokens_details: { cached_tokens: counts.cacheRead },
  };
}
