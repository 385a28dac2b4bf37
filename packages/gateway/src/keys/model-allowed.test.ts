import { describe, expect, it } from "vitest";
import { modelAllowed } from "./model-allowed.js";

describe("modelAllowed", () => {
  it("allows every model without a list, none with an empty one", () => {
    expect(modelAllowed("anthropic.claude-3-haiku-20240307-v1:0", undefined)).toBe(true);
    expect(modelAllowed("anthropic.claude-3-haiku-20240307-v1:0", [])).toBe(false);
  });

  it("matches the whole id, * as any characters, with or without a geography prefix or amazon-bedrock/", () => {
    const list = ["anthropic.*", "amazon.nova-lite-v1:0"];
    expect(modelAllowed("anthropic.claude-sonnet-4-6", list)).toBe(true);
    expect(modelAllowed("us.anthropic.claude-sonnet-4-6", list)).toBe(true);
    expect(modelAllowed("global.anthropic.claude-opus-4-6-v1", list)).toBe(true);
    expect(modelAllowed("amazon-bedrock/eu.anthropic.claude-sonnet-4-6", list)).toBe(true);
    expect(modelAllowed("amazon.nova-lite-v1:0", list)).toBe(true);
    expect(modelAllowed("amazon.nova-pro-v1:0", list)).toBe(false);
    expect(modelAllowed("meta.llama3-anthropic.x", list)).toBe(false);
    expect(modelAllowed("xanthropic.claude", list)).toBe(false);
  });

  it("treats regex characters in a pattern literally", () => {
    expect(modelAllowed("amazonXnova-lite-v1:0", ["amazon.nova-lite-v1:0"])).toBe(false);
    expect(modelAllowed("a+b", ["a+b"])).toBe(true);
  });
});
