/**
 * The CountTokens request body for a built Converse body: `{ input: { converse: { messages,
 * system?, toolConfig?, additionalModelRequestFields? } } }` — the fields Bedrock's
 * ConverseTokensRequest takes; the others (inference settings, guardrail, output config, service
 * tier, metadata) do not change the input's token count and are left out.
 */
export function countTokensBody(converse: Record<string, unknown>): { input: { converse: Record<string, unknown> } } {
  const picked: Record<string, unknown> = { messages: converse.messages };
  for (const key of ["system", "toolConfig", "additionalModelRequestFields"]) {
    if (converse[key] !== undefined) picked[key] = converse[key];
  }
  return { input: { converse: picked } };
}
