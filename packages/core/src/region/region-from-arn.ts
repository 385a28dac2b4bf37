/**
 * The region of a Bedrock ARN model id (`arn:aws:bedrock:eu-west-1:123456789012:inference-profile/…`),
 * or `undefined` for plain model ids and ARNs without a region. A model ARN's region wins for that call.
 */
export function regionFromArn(modelId: string): string | undefined {
  if (!modelId.startsWith("arn:")) return undefined;
  const parts = modelId.split(":");
  if (parts.length < 6 || !parts[1]?.startsWith("aws") || parts[2] !== "bedrock") return undefined;
  return parts[3] || undefined;
}
