import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { parseInteger, parseReasoning } from "./parse-options.js";

describe("parseInteger", () => {
  const port = parseInteger(0, 65535);
  it("accepts whole numbers in range", () => {
    expect(port("0")).toBe(0);
    expect(port(" 4010 ")).toBe(4010);
  });
  it("refuses anything else with a usage error", () => {
    for (const bad of ["", "abc", "1.5", "-1", "65536", "1e3x"]) expect(() => port(bad), bad).toThrow(InvalidArgumentError);
  });
});

describe("parseReasoning", () => {
  it("takes the levels and token budgets", () => {
    expect(parseReasoning("HIGH")).toBe("high");
    expect(parseReasoning("off")).toBe("off");
    expect(parseReasoning("4000")).toEqual({ budgetTokens: 4000 });
  });
  it("refuses unknown levels and a zero budget", () => {
    expect(() => parseReasoning("extreme")).toThrow(/off, minimal, low, medium, high/);
    expect(() => parseReasoning("0")).toThrow(InvalidArgumentError);
  });
});
