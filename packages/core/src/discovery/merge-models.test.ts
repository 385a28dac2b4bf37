import { describe, expect, it } from "vitest";
import type { Model } from "../types/model.js";
import { testModel } from "../request/test-helpers.js";
import { mergeModels } from "./merge-models.js";

const model = (id: string, extra: Partial<Model> = {}): Model => testModel(id, { contextWindow: 32000, ...extra });

describe("mergeModels", () => {
  it("configured fields win, discovered fields fill the rest, dedup by id", () => {
    const configured = [model("us.x", { name: "Mine", maxTokens: 1000, vendor: undefined })];
    const discovered = [model("us.x", { name: "X (US)", vendor: "Anthropic", supportsCaching: true, contextWindow: 200000 }), model("y")];
    const merged = mergeModels(configured, discovered);
    expect(merged.map((m) => m.id)).toEqual(["us.x", "y"]);
    expect(merged[0]).toMatchObject({ name: "Mine", maxTokens: 1000, vendor: "Anthropic", supportsCaching: true, contextWindow: 32000 });
  });

  it("keeps the first of duplicate ids on each side", () => {
    const merged = mergeModels([model("a", { name: "first" }), model("a", { name: "second" })], [model("b", { name: "b1" }), model("b", { name: "b2" })]);
    expect(merged.map((m) => m.name)).toEqual(["first", "b1"]);
  });
});
