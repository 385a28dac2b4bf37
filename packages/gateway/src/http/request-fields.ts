import type { ReasoningLevel, ResponseFormat, ServiceTier, Tool } from "@streambed/core";
import { invalidField } from "../errors/gateway-error.js";
import { absent, describe, isObject, objectAt, stringAt } from "./json-fields.js";

/**
 * Request fields chat completions and the Responses API share, read the same way: reasoning effort,
 * `user`, structured output, service tier, function tools and their call arguments.
 */

/** OpenAI's reasoning efforts → streambed's reasoning levels. */
const EFFORTS: Record<string, ReasoningLevel> = { none: "off", minimal: "minimal", low: "low", medium: "medium", high: "high" };

/** `reasoning_effort` / `reasoning.effort` → streambed's level. */
export function reasoningOf(value: unknown, param: string): ReasoningLevel {
  const effort = EFFORTS[stringAt(value, param)];
  if (effort === undefined) throw invalidField(param, `expected one of ${Object.keys(EFFORTS).join(", ")}, got ${describe(value)}.`);
  return effort;
}

/** Bedrock's `requestMetadata` value rule (the OpenAI `user` goes there). */
const METADATA_VALUE = /^[a-zA-Z0-9\s:_@$#=/+,\-.]{0,256}$/;

/** `user` → Bedrock `requestMetadata: { user }` (undefined for ""), or a 400 when Bedrock would refuse it. */
export function userMetadataOf(value: unknown): Record<string, string> | undefined {
  const user = stringAt(value, "user");
  if (!METADATA_VALUE.test(user)) throw invalidField("user", "at most 256 letters, digits, spaces and : _ @ $ # = / + , - . (it is sent to Bedrock as request metadata).");
  return user === "" ? undefined : { user };
}

/**
 * A response format → streambed's structured output. `text` asks for nothing; `json_schema` →
 * `responseFormat: { type: "json", schema, name, description }` (Bedrock constrains the answer to
 * the schema where the model has structured output, else Bedrock's 400). `json_object` has no
 * schema, which Bedrock's structured output needs: refused, naming json_schema. `schemaAt` holds
 * the schema fields (`response_format.json_schema` in chat, the format itself in Responses).
 */
export function jsonSchemaFormat(format: Record<string, unknown>, param: string, schemaAt: Record<string, unknown>, schemaParam: string): ResponseFormat | undefined {
  if (format.type === "text") return undefined;
  if (format.type === "json_schema") {
    const out: ResponseFormat = { type: "json", schema: objectAt(schemaAt.schema, `${schemaParam}.schema`) };
    if (!absent(schemaAt.name)) out.name = stringAt(schemaAt.name, `${schemaParam}.name`);
    if (!absent(schemaAt.description)) out.description = stringAt(schemaAt.description, `${schemaParam}.description`);
    return out;
  }
  throw invalidField(
    `${param}.type`,
    format.type === "json_object"
      ? "json_object is not supported: Bedrock's structured output needs a schema. Use json_schema with the schema of the object you want."
      : `expected text or json_schema, got ${describe(format.type)}.`,
    "unsupported_parameter",
  );
}

/** OpenAI `service_tier` → Bedrock's: auto sends none; default, flex, priority as they are; scale has no Bedrock tier. */
export function serviceTierOf(value: unknown): ServiceTier | undefined {
  if (absent(value) || value === "auto") return undefined;
  if (value === "default" || value === "flex" || value === "priority") return value;
  throw invalidField("service_tier", `${describe(value)} has no Bedrock service tier: use auto, default, flex or priority.`, "unsupported_parameter");
}

/** A function tool's `name`, `description`, `parameters` (at `param`) → a streambed tool. */
export function functionTool(def: Record<string, unknown>, param: string): Tool {
  const tool: Tool = { name: stringAt(def.name, `${param}.name`), parameters: absent(def.parameters) ? { type: "object", properties: {} } : objectAt(def.parameters, `${param}.parameters`) };
  if (!absent(def.description)) tool.description = stringAt(def.description, `${param}.description`);
  return tool;
}

/** A named tool choice → streambed's `{ tool }`, when `tools` has that tool. */
export function namedToolChoice(name: unknown, tools: Tool[] | undefined, param: string): { tool: string } {
  const tool = stringAt(name, param);
  if (!tools?.some((t) => t.name === tool)) throw invalidField(param, `no tool named ${JSON.stringify(tool)} is in tools.`);
  return { tool };
}

/** A tool call's arguments (JSON text) → the object streambed sends as its input. */
export function toolArguments(value: unknown, param: string): Record<string, unknown> {
  const text = stringAt(value, param);
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidField(param, "the arguments are not valid JSON.");
  }
  if (!isObject(parsed)) throw invalidField(param, `the arguments must be a JSON object, got ${describe(parsed)}.`);
  return parsed;
}
