import type { Api, Model } from "@mariozechner/pi-ai";

/**
 * What pi-ai's Bedrock provider decides from a model's id and name (its `isAnthropicClaudeModel`,
 * `supportsAdaptiveThinking`, `supportsPromptCaching` rules): the adapter takes the same decisions
 * so that a request means the same thing through either provider. Id and name are both looked at,
 * so application inference profiles (opaque ARNs) are recognised by their name.
 */
function candidates(model: Pick<Model<Api>, "id" | "name">): string[] {
  const values = model.name ? [model.id, model.name] : [model.id];
  return values.flatMap((value) => {
    const lower = value.toLowerCase();
    return [lower, lower.replace(/[\s_.:]+/g, "-")];
  });
}

/** An Anthropic Claude model (pi-ai: id or name names Claude). */
export function isClaude(model: Pick<Model<Api>, "id" | "name">): boolean {
  const id = model.id.toLowerCase();
  const name = model.name?.toLowerCase() ?? "";
  return id.includes("anthropic.claude") || id.includes("anthropic/claude") || name.includes("anthropic.claude") || name.includes("anthropic/claude") || name.includes("claude");
}

/** Claude with adaptive thinking (Opus 4.6, Opus 4.7, Sonnet 4.6). */
export function supportsAdaptiveThinking(model: Pick<Model<Api>, "id" | "name">): boolean {
  return candidates(model).some((s) => s.includes("opus-4-6") || s.includes("opus-4-7") || s.includes("sonnet-4-6"));
}

/** Claude Opus 4.7 takes the `xhigh` effort natively. */
export function supportsNativeXhighEffort(model: Pick<Model<Api>, "id" | "name">): boolean {
  return candidates(model).some((s) => s.includes("opus-4-7"));
}

/**
 * Whether pi-ai places cache points for this model: Claude 4.x, 3.7 Sonnet, 3.5 Haiku; any other
 * model only with `AWS_BEDROCK_FORCE_CACHE=1` (application profiles). Nova caches by itself.
 */
export function piAiPlacesCachePoints(model: Pick<Model<Api>, "id" | "name">, env: Record<string, string | undefined>): boolean {
  const all = candidates(model);
  if (!all.some((s) => s.includes("claude"))) return env.AWS_BEDROCK_FORCE_CACHE === "1";
  return all.some((s) => s.includes("-4-") || s.includes("claude-3-7-sonnet") || s.includes("claude-3-5-haiku"));
}

/** GovCloud rejects Claude's `thinking.display` field (pi-ai leaves it out there). */
export function isGovCloudTarget(model: Pick<Model<Api>, "id">, region: string | undefined): boolean {
  if (region?.toLowerCase().startsWith("us-gov-")) return true;
  const id = model.id.toLowerCase();
  return id.startsWith("us-gov.") || id.startsWith("arn:aws-us-gov:");
}
