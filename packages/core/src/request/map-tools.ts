import type { CachePointContent, Tool, ToolChoice } from "../types/index.js";
import type { BedrockToolChoice, BedrockToolConfig, BedrockToolSpec } from "./converse-body.js";
import { mapCachePoint } from "./map-cache-point.js";
import { checkJsonValue } from "./check-json-value.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** What the tools and tool choice of a request become. */
export interface ToolPlan {
  /** Absent when there are no tools or the choice is `none`. */
  toolConfig: BedrockToolConfig | undefined;
  /** Whether the choice forces a tool call (`any` or a named tool). */
  forcesTool: boolean;
  /** Whether a tool asks for strict tool use. */
  strict: boolean;
}

/**
 * `tools` + `toolChoice` → Bedrock's `toolConfig`:
 * `{ tools: [{ toolSpec: { name, description, inputSchema: { json } } }], toolChoice }` with
 * `any` → `{ any: {} }`, `{ tool: name }` → `{ tool: { name } }`. `auto` (Bedrock's default) is
 * not sent: some models (Llama, Mistral small, …) reject any `toolChoice` field. `none` has no
 * Bedrock equivalent: no `toolConfig` is sent at all (see `mapMessages` for the tool history).
 * A `{ type: "cachePoint", ttl? }` entry becomes a `{ cachePoint }` at that place in the list;
 * `strict: true` becomes `toolSpec.strict`.
 */
export function mapTools(tools: Array<Tool | CachePointContent> | undefined, toolChoice: ToolChoice | undefined): ToolPlan {
  if (tools !== undefined && !Array.isArray(tools)) invalidRequest("tools", `expected an array of tools, got ${describeValue(tools)}.`);
  const entries: BedrockToolConfig["tools"] = [];
  const names = new Set<string>();
  let strict = false;
  (tools ?? []).forEach((tool, i) => {
    if (isPlainObject(tool) && tool.type === "cachePoint") {
      entries.push({ cachePoint: mapCachePoint(tool, `tools[${i}]`) });
      return;
    }
    const spec = toolSpec(tool as Tool, `tools[${i}]`);
    if (names.has(spec.toolSpec.name)) invalidRequest(`tools[${i}].name`, `tool name "${spec.toolSpec.name}" is used twice. Tool names must be unique.`);
    names.add(spec.toolSpec.name);
    strict ||= spec.toolSpec.strict === true;
    entries.push(spec);
  });
  const choice = mapToolChoice(toolChoice, names);
  if (choice === "none" || names.size === 0) return { toolConfig: undefined, forcesTool: false, strict: false };
  return { toolConfig: choice === undefined ? { tools: entries } : { tools: entries, toolChoice: choice }, forcesTool: choice !== undefined, strict };
}

function mapToolChoice(choice: ToolChoice | undefined, names: Set<string>): BedrockToolChoice | "none" | undefined {
  if (choice === undefined || choice === "auto") return undefined;
  if (choice === "none") return "none";
  if (choice === "any") {
    if (names.size === 0) invalidRequest("toolChoice", 'toolChoice "any" needs at least one tool in `tools`.');
    return { any: {} };
  }
  if (isPlainObject(choice) && typeof choice.tool === "string") {
    if (!names.has(choice.tool)) {
      const known = names.size === 0 ? "no tools are given" : `the tools are ${[...names].map((n) => `"${n}"`).join(", ")}`;
      invalidRequest("toolChoice.tool", `toolChoice names tool "${choice.tool}", but ${known}. Name one of the request's tools.`);
    }
    return { tool: { name: choice.tool } };
  }
  return invalidRequest("toolChoice", `unknown toolChoice ${describeValue(choice)}. Use "auto", "any", "none" or { tool: "<name>" }.`);
}

function toolSpec(tool: Tool, path: string): BedrockToolSpec {
  if (!isPlainObject(tool)) invalidRequest(path, `expected a tool { name, description?, parameters }, got ${describeValue(tool)}.`);
  if (typeof tool.name !== "string" || !TOOL_NAME.test(tool.name)) {
    invalidRequest(`${path}.name`, `tool name ${describeValue(tool.name)} is not valid for Bedrock. Use 1-64 letters, digits, "_" or "-".`);
  }
  if (tool.description !== undefined && typeof tool.description !== "string") {
    invalidRequest(`${path}.description`, "a tool description must be a string.");
  }
  if (tool.strict !== undefined && typeof tool.strict !== "boolean") invalidRequest(`${path}.strict`, `expected true or false, got ${describeValue(tool.strict)}.`);
  const json = inputSchema(tool.parameters, `${path}.parameters`);
  // Bedrock rejects an empty description (minimum length 1): leave it out instead.
  const spec: BedrockToolSpec["toolSpec"] = tool.description ? { name: tool.name, description: tool.description, inputSchema: { json } } : { name: tool.name, inputSchema: { json } };
  if (tool.strict !== undefined) spec.strict = tool.strict;
  return { toolSpec: spec };
}

/**
 * A tool's JSON Schema, checked: a plain object whose `type` is `"object"` (added when missing:
 * `{ properties: … }` is common shorthand), made only of JSON values (no functions, undefined,
 * NaN, bigint, cycles).
 */
function inputSchema(parameters: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(parameters)) invalidRequest(path, `a tool's parameters must be a JSON Schema object, got ${describeValue(parameters)}.`);
  if (parameters.type !== undefined && parameters.type !== "object") {
    invalidRequest(`${path}.type`, `a tool's parameters must describe an object (type "object"), got type ${describeValue(parameters.type)}. Wrap the value in an object property.`);
  }
  checkJsonValue(parameters, path);
  return parameters.type === undefined ? { type: "object", ...parameters } : parameters;
}
