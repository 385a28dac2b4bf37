/** A model's limits as the emulator enforces them: `maxTokens` (output) and `contextWindow` (input), in tokens. */
export interface EmulatorModelLimits {
  maxTokens: number;
  contextWindow: number;
}

/**
 * The limits of the default catalogue's models, from their model cards (the same sources as
 * core's known-model-limits.ts; Claude 3.5 Sonnet's 4096 is Bedrock's own, from its
 * ValidationException). Matched on the foundation-model id; first match wins.
 */
const LIMITS: ReadonlyArray<readonly [RegExp, EmulatorModelLimits]> = [
  [/^anthropic\.claude-opus-4-6/, { maxTokens: 128_000, contextWindow: 1_000_000 }],
  [/^anthropic\.claude-sonnet-4-6/, { maxTokens: 64_000, contextWindow: 1_000_000 }],
  [/^anthropic\.claude-(opus|sonnet|haiku)-4-5/, { maxTokens: 64_000, contextWindow: 200_000 }],
  [/^anthropic\.claude-3-5-sonnet-20240620/, { maxTokens: 4_096, contextWindow: 200_000 }],
  [/^anthropic\.claude-3-haiku/, { maxTokens: 4_096, contextWindow: 200_000 }],
  [/^amazon\.nova-2-lite/, { maxTokens: 64_000, contextWindow: 1_000_000 }],
  // Nova: the user guide's 10K output (Premier 32K); where sources give less (5K on an older card),
  // the higher is used here so the emulator never refuses what Bedrock takes.
  [/^amazon\.nova-premier/, { maxTokens: 32_000, contextWindow: 1_000_000 }],
  [/^amazon\.nova-(pro|lite)/, { maxTokens: 10_000, contextWindow: 300_000 }],
  [/^amazon\.nova-micro/, { maxTokens: 10_000, contextWindow: 128_000 }],
  [/^meta\.llama4-maverick/, { maxTokens: 8_192, contextWindow: 1_000_000 }],
  [/^meta\.llama3-3-70b/, { maxTokens: 2_048, contextWindow: 128_000 }],
  [/^meta\.llama3-8b/, { maxTokens: 2_048, contextWindow: 8_000 }],
  [/^mistral\.mistral-large-2402/, { maxTokens: 8_192, contextWindow: 32_000 }],
  [/^mistral\.pixtral-large/, { maxTokens: 8_192, contextWindow: 128_000 }],
  [/^deepseek\./, { maxTokens: 32_768, contextWindow: 128_000 }],
  [/^cohere\.command-r-plus/, { maxTokens: 4_096, contextWindow: 128_000 }],
];

/** The limits of foundation model `modelId` (`overrides`, keyed by model id, win), or undefined when unknown. */
export function modelLimits(modelId: string, overrides: Record<string, Partial<EmulatorModelLimits>> = {}): Partial<EmulatorModelLimits> | undefined {
  const known = LIMITS.find(([pattern]) => pattern.test(modelId))?.[1];
  const override = overrides[modelId];
  if (known === undefined && override === undefined) return undefined;
  return { ...known, ...override };
}
