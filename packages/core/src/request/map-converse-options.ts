import type { ServiceTier, StreamRequest } from "../types/index.js";
import type { ConverseBody } from "./converse-body.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";

const SERVICE_TIERS: readonly ServiceTier[] = ["priority", "default", "flex", "reserved"];
const PROMPT_ARN = /^arn:aws(-[a-z-]+)?:bedrock:[a-z0-9-]+:\d{12}:prompt\/[A-Za-z0-9]{10}(:\d+|:DRAFT)?$/;
const MAX_FIELD_PATHS = 10;

/** Whether a model id is a Prompt management prompt ARN (`arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345:1`). */
export function isPromptArn(modelId: string): boolean {
  return PROMPT_ARN.test(modelId);
}

/** `serviceTier` → `{ type }`, one of Bedrock's four tiers. */
export function mapServiceTier(tier: unknown): ConverseBody["serviceTier"] {
  if (tier === undefined) return undefined;
  if (!SERVICE_TIERS.includes(tier as ServiceTier)) {
    invalidRequest("serviceTier", `unknown service tier ${describeValue(tier)}. Use "priority", "default", "flex" or "reserved".`);
  }
  return { type: tier as ServiceTier };
}

/**
 * `additionalModelResponseFieldPaths`: at most 10 JSON Pointers (RFC 6901) of 1–256 characters,
 * each starting with `/` — Bedrock answers 400 to an empty or malformed pointer.
 */
export function checkResponseFieldPaths(paths: unknown): string[] | undefined {
  if (paths === undefined) return undefined;
  if (!Array.isArray(paths)) invalidRequest("additionalModelResponseFieldPaths", `expected an array of JSON Pointers such as "/stop_sequence", got ${describeValue(paths)}.`);
  if (paths.length > MAX_FIELD_PATHS) invalidRequest("additionalModelResponseFieldPaths", `Bedrock takes at most ${MAX_FIELD_PATHS} paths, got ${paths.length}.`);
  paths.forEach((path, i) => {
    if (typeof path !== "string" || path.length > 256 || !/^\/([^~]|~[01])*$/.test(path)) {
      invalidRequest(`additionalModelResponseFieldPaths[${i}]`, `expected a JSON Pointer of at most 256 characters starting with "/" (e.g. "/stop_sequence"; "~" only as ~0 or ~1), got ${describeValue(path)}.`);
    }
  });
  return [...(paths as string[])];
}

/** `promptVariables`: `{ name: "value" }` or `{ name: { text } }` → Bedrock's `{ name: { text } }`; only with a prompt ARN as the model. */
export function mapPromptVariables(variables: unknown, modelId: string): ConverseBody["promptVariables"] {
  if (variables === undefined) return undefined;
  if (!isPromptArn(modelId)) {
    invalidRequest("promptVariables", `prompt variables fill a Prompt management prompt, but the model ${modelId} is not a prompt ARN. Set model to the prompt version's ARN (arn:aws:bedrock:REGION:ACCOUNT:prompt/ID:VERSION).`);
  }
  if (!isPlainObject(variables)) invalidRequest("promptVariables", `expected an object of variable values, got ${describeValue(variables)}.`);
  const out: Record<string, { text: string }> = {};
  for (const [name, value] of Object.entries(variables)) {
    const text = typeof value === "string" ? value : isPlainObject(value) && typeof value.text === "string" ? value.text : undefined;
    if (text === undefined) invalidRequest(`promptVariables.${name}`, `expected a string or { text: string }, got ${describeValue(value)}.`);
    out[name] = { text };
  }
  return out;
}

/**
 * With a prompt ARN as the model, Bedrock rejects `system`, `toolConfig`, `inferenceConfig` and
 * `additionalModelRequestFields` (the prompt defines them): what the caller set there is an
 * InvalidRequestError; what streambed would have added on its own (reasoning fields, cache
 * points, sampling defaults) is left out.
 */
export function checkPromptRequest(request: StreamRequest): void {
  const own: Array<[keyof StreamRequest, string]> = [
    ["system", "system"],
    ["tools", "toolConfig"],
    ["maxTokens", "inferenceConfig"],
    ["temperature", "inferenceConfig"],
    ["topP", "inferenceConfig"],
    ["stopSequences", "inferenceConfig"],
    ["additionalModelRequestFields", "additionalModelRequestFields"],
    ["anthropicBeta", "additionalModelRequestFields"],
  ];
  for (const [key, field] of own) {
    if (request[key] !== undefined) {
      invalidRequest(key, `a Prompt management prompt defines its own ${field}; Bedrock rejects it in the request. Set it in the prompt, or leave ${key} out.`);
    }
  }
}
