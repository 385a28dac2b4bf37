import type { Tool, ToolChoice } from "@streambed/core";
import { invalidField } from "../errors/gateway-error.js";
import { absent, arrayAt, describe, objectAt } from "../http/json-fields.js";
import { functionTool, namedToolChoice } from "../http/request-fields.js";

/** OpenAI `tools` (function tools) → streambed tools. */
export function mapTools(value: unknown): Tool[] | undefined {
  if (absent(value)) return undefined;
  const list = arrayAt(value, "tools");
  return list.map((item, i) => {
    const t = objectAt(item, `tools[${i}]`);
    if (t.type !== "function") throw invalidField(`tools[${i}].type`, `only "function" tools are supported, got ${describe(t.type)}.`);
    return functionTool(objectAt(t.function, `tools[${i}].function`), `tools[${i}].function`);
  });
}

/** OpenAI `tool_choice` → streambed's: none, auto, required → any, a named function → that tool. */
export function mapToolChoice(value: unknown, tools: Tool[] | undefined): ToolChoice | undefined {
  if (absent(value)) return undefined;
  if (value === "none" || value === "auto") return value;
  if (value === "required") return "any";
  const choice = objectAt(value, "tool_choice");
  if (choice.type !== "function") throw invalidField("tool_choice.type", `expected "function", got ${describe(choice.type)}.`);
  return namedToolChoice(objectAt(choice.function, "tool_choice.function").name, tools, "tool_choice.function.name");
}
