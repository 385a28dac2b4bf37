/**
 * Every error class streambed throws is public: each `BedrockError` subclass that core and transport
 * define is exported by `@streambed/node` (and so by `streambed`; the edge build exports the same
 * runtime-free names, checked in packages/streambed/test/exports.test.ts). A new error class that is
 * not added to src/index.ts fails here.
 */
import * as core from "@streambed/core";
import { describe, expect, it } from "vitest";
import * as node from "../dist/index.js";

describe("public errors", () => {
  it("@streambed/node exports every BedrockError subclass of core and transport", () => {
    const errorClasses = Object.entries(core)
      .filter(([, value]) => typeof value === "function" && (value === core.BedrockError || value.prototype instanceof core.BedrockError))
      .map(([name]) => name);
    expect(errorClasses.length).toBeGreaterThan(20);
    expect(errorClasses.filter((name) => !(name in node))).toEqual([]);
    for (const name of errorClasses) expect((node as Record<string, unknown>)[name]).toBe((core as Record<string, unknown>)[name]);
  });
});
