/** The Bedrock runtime operations whose path carries a model id. */
export type BedrockModelOperation = "converse" | "converse-stream" | "count-tokens";

/**
 * `encodeURIComponent` plus the characters it leaves alone but RFC 3986 reserves (`!'()*`), the
 * same escaping the AWS SDK applies to path labels. `:` becomes `%3A` and `/` becomes `%2F`.
 */
function encodePathLabel(label: string): string {
  return encodeURIComponent(label).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The request path for a model operation, encoded exactly as the AWS SDK sends it:
 * `bedrockModelPath("us.anthropic.claude-3-7-sonnet-20250219-v1:0", "converse-stream")` →
 * `/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream`; an ARN's `/` becomes `%2F`.
 * SigV4 then signs the double-encoded form (`%253A`), which {@link signRequest} does for you.
 */
export function bedrockModelPath(modelId: string, operation: BedrockModelOperation): string {
  let encoded = encodedIds.get(modelId);
  if (encoded === undefined) {
    if (encodedIds.size >= MAX_REMEMBERED) encodedIds.clear();
    encodedIds.set(modelId, (encoded = encodePathLabel(modelId)));
  }
  return `/model/${encoded}/${operation}`;
}

/** Model ids encoded, remembered: a client calls a handful of models, each on every call. Bounded, cleared when full. */
const MAX_REMEMBERED = 64;
const encodedIds = new Map<string, string>();
