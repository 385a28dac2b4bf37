import { describe, expect, it } from "vitest";
import type { ListedModel } from "streambed";
import { compactTokens, formatModelsTable, modelRows, profileLabel } from "./models-table.js";

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
  it("builds rows and a table with the six columns", () => {
    const models = [model("us.anthropic.claude-sonnet-4-6"), model("amazon.nova-micro-v1:0", { input: ["text"], contextWindow: 128000, source: "configured" })];
    expect(modelRows(models)[1]).toEqual(["amazon-bedrock/amazon.nova-micro-v1:0", "amazon.nova-micro-v1:0", "text", "128k", "configured", "-"]);
    const table = formatModelsTable(models);
    expect(table).toContain("amazon-bedrock/us.anthropic.claude-sonnet-4-6");
    expect(table.split("\n").filter((l) => l.startsWith("│"))).toHaveLength(3);
  });
});
