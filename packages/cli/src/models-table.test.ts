import { describe, expect, it } from "vitest";
import type { ListedModel } from "streambed";
import { compactTokens, formatModelsTable, learnedNotes, modelRows, profileLabel } from "./models-table.js";

const model = (id: string, extra: Partial<ListedModel> = {}): ListedModel => ({
  id,
  key: `amazon-bedrock/${id}`,
  name: id,
  reasoning: false,
  input: ["text", "image"],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 200000,
  maxTokens: 8192,
  source: "discovered",
  ...extra,
});

describe("models table", () => {
  it("compacts token counts", () => {
    expect([compactTokens(200000), compactTokens(1000000), compactTokens(32768), compactTokens(512), compactTokens(0)]).toEqual(["200k", "1M", "32.8k", "512", "?"]);
  });
  it("names the inference profile behind an id", () => {
    expect(profileLabel("us.anthropic.claude-sonnet-4-6")).toBe("US");
    expect(profileLabel("global.anthropic.claude-opus-4-5-20251101-v1:0")).toBe("Global");
    expect(profileLabel("amazon.nova-pro-v1:0")).toBe("");
    expect(profileLabel("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123")).toBe("application");
    expect(profileLabel("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6")).toBe("EU");
  });
  it("builds rows: model, context, input, name; --wide: every detail", () => {
    const models = [model("us.anthropic.claude-sonnet-4-6"), model("amazon.nova-micro-v1:0", { input: ["text"], contextWindow: 128000, source: "configured", cost: { input: 0.035, output: 0.14, cacheRead: 0, cacheWrite: 0 } })];
    expect(modelRows(models)[1]).toEqual(["amazon.nova-micro-v1:0", "128k", "text", "amazon.nova-micro-v1:0"]);
    expect(modelRows(models, true)[1]).toEqual(["amazon-bedrock/amazon.nova-micro-v1:0", "amazon.nova-micro-v1:0", "text", "128k", "8.2k", "-", "$0.035 / $0.14", "configured", "-"]);
  });
  it("a borderless table that fits the width: the name is cut, or left out when too narrow", () => {
    const models = [model("global.anthropic.claude-sonnet-4-5-20250929-v1:0", { name: "Claude Sonnet 4.5 (Global)" }), model("amazon.nova-micro-v1:0", { name: "Nova Micro" })];
    const lines = (width?: number) => formatModelsTable(models, { width, colour: false }).trimEnd().split("\n");
    expect(lines()).toEqual([
      "model                                             context  input       name",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0  200k     text+image  Claude Sonnet 4.5 (Global)",
      "amazon.nova-micro-v1:0                            200k     text+image  Nova Micro",
    ]);
    expect(lines(80).every((l) => l.length <= 80)).toBe(true);
    expect(lines(80)[0]).not.toContain("name");
    const at90 = lines(90);
    expect(at90.every((l) => l.length <= 90)).toBe(true);
    expect(at90[1]).toMatch(/  Claude Sonnet 4\.5 …$/);
    expect(lines(100)).toEqual(lines());
    expect(formatModelsTable(models, { wide: true, colour: false }).split("\n")[0]).toMatch(/^key +name +input +context +max out +reasoning +\$\/Mtok in \/ out +source +profile$/);
  });

  it("marks limits Bedrock named (learned from its errors) with *, and says where each came from under the table", () => {
    const learnedAt = Date.UTC(2026, 11, 4, 14, 30);
    const learned = model("anthropic.claude-3-5-sonnet-20240620-v1:0", {
      maxTokens: 4096,
      learned: { maxTokens: { tokens: 4096, learnedAt, source: "Bedrock ValidationException (request r-1)" } },
    });
    const rows = modelRows([learned, model("amazon.nova-micro-v1:0")], true);
    expect(rows[0]!.slice(3, 5)).toEqual(["200k", "4.1k*"]);
    expect(rows[1]!.slice(3, 5)).toEqual(["200k", "8.2k"]);
    expect(learnedNotes([learned, model("amazon.nova-micro-v1:0")])).toEqual([
      "",
      "* learned from Bedrock's own errors (kept in the discovery cache):",
      "* anthropic.claude-3-5-sonnet-20240620-v1:0: maxTokens 4096 (learned 2026-12-04T14:30:00Z from Bedrock ValidationException (request r-1))",
    ]);
    expect(learnedNotes([model("amazon.nova-micro-v1:0")])).toEqual([]);
  });
});
