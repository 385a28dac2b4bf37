import type { Model, ResponseFormat } from "../types/index.js";
import type { BedrockOutputConfig } from "./converse-body.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";
import { checkJsonValue } from "./check-json-value.js";
import { supportsStructuredOutput } from "./structured-output-models.js";

const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * `responseFormat: { type: "json", schema, name?, description? }` → `outputConfig.textFormat:
 * { type: "json_schema", structure: { jsonSchema: { schema: "<schema as JSON text>", name?, description? } } }`.
 * A model the structured-output table says does not take it is an InvalidRequestError here, before
 * any call (Bedrock's answer would be a 400 after the round trip).
 */
export function mapResponseFormat(format: ResponseFormat | undefined, model: Model): BedrockOutputConfig | undefined {
  if (format === undefined) return undefined;
  if (!isPlainObject(format) || format.type !== "json") {
    invalidRequest("responseFormat", `expected { type: "json", schema, name? }, got ${describeValue(isPlainObject(format) ? format.type : format)}${isPlainObject(format) ? " as type" : ""}.`);
  }
  if (!isPlainObject(format.schema)) invalidRequest("responseFormat.schema", `expected a JSON Schema object, got ${describeValue(format.schema)}.`);
  checkJsonValue(format.schema, "responseFormat.schema");
  if (format.name !== undefined && (typeof format.name !== "string" || !SCHEMA_NAME.test(format.name))) {
    invalidRequest("responseFormat.name", `expected 1-64 letters, digits, "_" or "-", got ${describeValue(format.name)}.`);
  }
  if (format.description !== undefined && typeof format.description !== "string") invalidRequest("responseFormat.description", "expected a string.");
  if (supportsStructuredOutput(model) === false) {
    invalidRequest(
      "responseFormat",
      `model ${model.id} does not take structured output on Bedrock (Claude Haiku/Sonnet/Opus 4.5 and later do). Use one of those, or ask for JSON in the prompt and parse it yourself.`,
    );
  }
  const jsonSchema: BedrockOutputConfig["textFormat"]["structure"]["jsonSchema"] = { schema: JSON.stringify(format.schema) };
  if (format.name !== undefined) jsonSchema.name = format.name;
  if (format.description !== undefined) jsonSchema.description = format.description;
  return { textFormat: { type: "json_schema", structure: { jsonSchema } } };
}

/** `strict: true` on a tool is structured output too: refused for models that do not take it. */
export function checkStrictTools(strict: boolean, model: Model): void {
  if (strict && supportsStructuredOutput(model) === false) {
    invalidRequest("tools", `model ${model.id} does not take strict tool use on Bedrock (Claude Haiku/Sonnet/Opus 4.5 and later do). Remove strict: true.`);
  }
}
