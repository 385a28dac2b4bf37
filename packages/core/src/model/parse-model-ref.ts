/** The provider streambed serves, as written in model references. */
export const BEDROCK_PROVIDER = "amazon-bedrock";

/**
 * Splits a model reference at the first `/`: `"amazon-bedrock/us.anthropic.claude-…"` →
 * `{ provider: "amazon-bedrock", id: "us.anthropic.claude-…" }`. A bare id or an ARN
 * (`arn:aws:bedrock:…:inference-profile/…`, whose own `/` must survive) has no provider.
 */
export function parseModelRef(ref: string): { provider?: string; id: string } {
  const trimmed = ref.trim();
  if (trimmed.startsWith("arn:")) return { id: trimmed };
  const slash = trimmed.indexOf("/");
  if (slash < 0) return { id: trimmed };
  return { provider: trimmed.slice(0, slash), id: trimmed.slice(slash + 1) };
}
