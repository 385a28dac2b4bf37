import { describe, expect, it } from "vitest";
import { parseConfigValue } from "./parse-config-value.js";

describe("parseConfigValue", () => {
  it("parses JSON5 values", () => {
    expect(parseConfigValue("true")).toBe(true);
    expect(parseConfigValue("3600")).toBe(3600);
    expect(parseConfigValue("['anthropic', 'amazon',]")).toEqual(["anthropic", "amazon"]);
    expect(parseConfigValue("{enabled: false}")).toEqual({ enabled: false });
    expect(parseConfigValue('"42"')).toBe("42");
    expect(parseConfigValue("null")).toBeNull();
  });
  it("keeps anything else as the string typed", () => {
    expect(parseConfigValue("us-east-1")).toBe("us-east-1");
    expect(parseConfigValue("amazon-bedrock/us.anthropic.claude-sonnet-4-6")).toBe("amazon-bedrock/us.anthropic.claude-sonnet-4-6");
    expect(parseConfigValue("https://bedrock-runtime.us-east-1.amazonaws.com")).toBe("https://bedrock-runtime.us-east-1.amazonaws.com");
    expect(parseConfigValue("")).toBe("");
  });
  it("--strict-json: JSON only, else a UsageError", () => {
    expect(parseConfigValue('"us-east-1"', { strictJson: true })).toBe("us-east-1");
    expect(parseConfigValue("[1,2]", { strictJson: true })).toEqual([1, 2]);
    expect(() => parseConfigValue("us-east-1", { strictJson: true })).toThrow(expect.objectContaining({ name: "UsageError" }));
    expect(() => parseConfigValue("{a: 1}", { strictJson: true })).toThrow(/not valid JSON/);
  });
  it("--strict-json on a secret key: the error quotes neither the value nor the parser's message", () => {
    let message = "";
    try {
      parseConfigValue("plain-secret-value-0042", { strictJson: true, secret: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`--strict-json: the value (not shown: this key holds a secret) is not valid JSON. Quote strings: '"…"'.`);
    expect(parseConfigValue('"plain-secret-value-0042"', { strictJson: true, secret: true })).toBe("plain-secret-value-0042");
  });
});
