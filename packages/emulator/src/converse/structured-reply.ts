import { isObject, type JsonObject } from "../validation/json.js";
import { sampleToolInput } from "./tool-input.js";

/**
 * The answer to a request with `outputConfig.textFormat` (structured output): JSON text that
 * matches the schema, built the way tool inputs are (required properties, else all, with sample
 * values drawn from the prompt). `undefined` without `outputConfig`.
 */
export function structuredText(body: JsonObject, prompt: string): string | undefined {
  const output = body["outputConfig"];
  const format = isObject(output) ? output["textFormat"] : undefined;
  const jsonSchema = isObject(format) && isObject(format["structure"]) ? format["structure"]["jsonSchema"] : undefined;
  if (!isObject(jsonSchema) || typeof jsonSchema["schema"] !== "string") return undefined;
  return JSON.stringify(sampleToolInput(JSON.parse(jsonSchema["schema"]), prompt));
}
