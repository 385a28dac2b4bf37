import type { FoundationModelSummary } from "../catalogue/types.js";
import { AwsErrorReply } from "../http/aws-error.js";
import { isObject } from "../validation/json.js";
import { validateConverseBody } from "../validation/validate-converse-body.js";
import { estimateTokens } from "./plan-to-events.js";
import { inputText } from "./request-info.js";

const INVALID_MODEL = "The provided model identifier is invalid.";

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(text).join("\n");
  if (isObject(value)) return Object.values(value).map(text).join("\n");
  return "";
}

/**
 * CountTokens (`POST /model/{modelId}/count-tokens`): `{ input: { converse: { messages, system?,
 * toolConfig?, additionalModelRequestFields? } } }` or `{ input: { invokeModel: { body } } }` →
 * `{ inputTokens }`, estimated the way the emulator's Converse usage is (≈ 4 characters a token,
 * tool definitions included). The model id must be a foundation model of the catalogue (Bedrock
 * takes no inference profile here), and an Anthropic one (the models with CountTokens on
 * bedrock-runtime); the converse input is validated like a Converse body.
 */
export function countTokens(raw: Uint8Array, modelId: string, models: FoundationModelSummary[], options: { validate: boolean }): { inputTokens: number } | AwsErrorReply {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return new AwsErrorReply(400, "SerializationException", "The request body is not valid JSON.");
  }
  const id = modelId.startsWith("arn:") ? modelId.slice(modelId.lastIndexOf("/") + 1) : modelId;
  const model = models.find((m) => m.modelId === id);
  if (!model) return new AwsErrorReply(400, "ValidationException", INVALID_MODEL);
  if (model.providerName !== "Anthropic") return new AwsErrorReply(400, "ValidationException", `The provided model ${id} doesn't support counting tokens.`);
  const input = isObject(body) ? body["input"] : undefined;
  if (!isObject(input)) return new AwsErrorReply(400, "ValidationException", "1 validation error detected: Value null at 'input' failed to satisfy constraint: Member must not be null");
  const converse = input["converse"];
  const invoke = input["invokeModel"];
  if (isObject(converse)) {
    const invalid = validateConverseBody(converse, { lenient: !options.validate });
    if (invalid) return invalid;
    const tools = isObject(converse["toolConfig"]) ? JSON.stringify(converse["toolConfig"]["tools"] ?? []) : "";
    return { inputTokens: estimateTokens(inputText(converse)) + estimateTokens(tools) };
  }
  if (isObject(invoke) && typeof invoke["body"] === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(atob(invoke["body"]));
    } catch {
      return new AwsErrorReply(400, "ValidationException", "The invokeModel body is not valid base64-encoded JSON.");
    }
    return { inputTokens: estimateTokens(text(parsed)) };
  }
  return new AwsErrorReply(400, "ValidationException", "CountTokensInput object at input must set one of the following keys: invokeModel, converse.");
}
