import { invalidField } from "../errors/gateway-error.js";
import { absent, describe, isObject } from "../http/json-fields.js";

/**
 * Fields the gateway accepts only at values that ask for nothing it would have to do: `logprobs`
 * false, no `top_logprobs`, penalties of 0, an empty `logit_bias`, text-only `modalities`,
 * `service_tier` auto/default. `store`, `metadata`, `seed`, `prompt_cache_key` and
 * `safety_identifier` change no answer and are ignored (nothing is stored). Any other value: 400.
 */
export function checkNeutralFields(body: Record<string, unknown>): void {
  const refuse = (field: string, why: string): never => {
    throw invalidField(field, `${describe(body[field])} is not supported: ${why}`, "unsupported_parameter");
  };
  if (!absent(body.logprobs) && body.logprobs !== false) refuse("logprobs", "Bedrock does not return log probabilities.");
  if (!absent(body.top_logprobs)) refuse("top_logprobs", "Bedrock does not return log probabilities.");
  for (const field of ["frequency_penalty", "presence_penalty"]) {
    if (!absent(body[field]) && body[field] !== 0) refuse(field, "Bedrock's Converse API has no penalties; use 0 or leave it out.");
  }
  if (!absent(body.logit_bias) && !(isObject(body.logit_bias) && Object.keys(body.logit_bias).length === 0)) refuse("logit_bias", "Bedrock has no logit bias.");
  if (!absent(body.modalities) && !(Array.isArray(body.modalities) && body.modalities.every((m) => m === "text"))) refuse("modalities", "only text output.");
}
