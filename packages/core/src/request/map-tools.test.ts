import { describe, expect, it } from "vitest";
import { catchInvalid } from "./test-helpers.js";
import type { Tool, ToolChoice } from "../types/index.js";
import { mapTools } from "./map-tools.js";

const weather: Tool = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const time: Tool = { name: "get-time", parameters: { properties: { tz: { type: "string" } } } };

const weatherSpec = {
  toolSpec: {
    name: "get_weather",
    description: "Weather for a city",
    inputSchema: { json: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
  },
};
const timeSpec = { toolSpec: { name: "get-time", inputSchema: { json: { type: "object", properties: { tz: { type: "string" } } } } } };


describe("mapTools", () => {
  it("maps tools to toolSpec with inputSchema.json; auto sends no toolChoice", () => {
    expect(mapTools([weather, time], undefined)).toEqual({ toolConfig: { tools: [weatherSpec, timeSpec] }, forcesTool: false, strict: false });
    expect(mapTools([weather], "auto")).toEqual({ toolConfig: { tools: [weatherSpec] }, forcesTool: false, strict: false });
  });

  it("maps any and a named tool", () => {
    expect(mapTools([weather], "any")).toEqual({ toolConfig: { tools: [weatherSpec], toolChoice: { any: {} } }, forcesTool: true, strict: false });
    expect(mapTools([weather, time], { tool: "get-time" })).toEqual({
      toolConfig: { tools: [weatherSpec, timeSpec], toolChoice: { tool: { name: "get-time" } } },
      forcesTool: true,
      strict: false,
    });
  });

  it("sends no toolConfig for none or without tools", () => {
    expect(mapTools([weather], "none")).toEqual({ toolConfig: undefined, forcesTool: false, strict: false });
    expect(mapTools(undefined, undefined)).toEqual({ toolConfig: undefined, forcesTool: false, strict: false });
    expect(mapTools([], "auto")).toEqual({ toolConfig: undefined, forcesTool: false, strict: false });
  });

  it("leaves out an empty description", () => {
    expect(mapTools([{ ...weather, description: "" }], undefined).toolConfig?.tools[0]).toEqual({
      toolSpec: { name: "get_weather", inputSchema: weatherSpec.toolSpec.inputSchema },
    });
  });

  it("does not modify the caller's schema", () => {
    const tool: Tool = { name: "t", parameters: { properties: {} } };
    mapTools([tool], undefined);
    expect(tool.parameters).toEqual({ properties: {} });
  });

  it.each<[string, Tool[] | undefined, ToolChoice | undefined, string]>([
    ["a named tool that does not exist", [weather], { tool: "nope" }, "toolChoice.tool"],
    ["a named tool without tools", undefined, { tool: "nope" }, "toolChoice.tool"],
    ["any without tools", [], "any", "toolChoice"],
    ["an unknown choice", [weather], "required" as ToolChoice, "toolChoice"],
    ["an invalid tool name", [{ ...weather, name: "get weather" }], undefined, "tools[0].name"],
    ["a too long tool name", [{ ...weather, name: "x".repeat(65) }], undefined, "tools[0].name"],
    ["a duplicate tool name", [weather, weather], undefined, "tools[1].name"],
    ["a schema that is not an object", [weather, { name: "t", parameters: "x" as unknown as Record<string, unknown> }], undefined, "tools[1].parameters"],
    ["a schema of type array", [{ name: "t", parameters: { type: "array" } }], undefined, "tools[0].parameters.type"],
    ["a schema holding a function", [{ name: "t", parameters: { type: "object", default: () => 1 } }], undefined, "tools[0].parameters.default"],
    ["a schema holding NaN", [{ name: "t", parameters: { type: "object", properties: { n: { maximum: Number.NaN } } } }], undefined, "tools[0].parameters.properties.n.maximum"],
    ["a non-string description", [{ ...weather, description: 5 as unknown as string }], undefined, "tools[0].description"],
    ["tools that are not an array", { name: "x" } as unknown as Tool[], undefined, "tools"],
  ])("rejects %s", (_, tools, choice, path) => {
    expect(catchInvalid(() => mapTools(tools, choice)).path).toBe(path);
  });

  it("rejects a schema that refers to itself", () => {
    const schema: Record<string, unknown> = { type: "object" };
    schema.properties = { self: schema };
    expect(catchInvalid(() => mapTools([{ name: "t", parameters: schema }], undefined)).path).toMatch(/^tools\[0\]\.parameters/);
  });
});
