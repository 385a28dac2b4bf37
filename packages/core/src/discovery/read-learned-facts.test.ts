import { describe, expect, it } from "vitest";
import type { DiscoveryCacheEntry } from "./discovery-types.js";
import { readLearnedFacts } from "./read-learned-facts.js";

const entry = (learned: unknown) => ({ models: [], fetchedAt: 1, learned }) as unknown as DiscoveryCacheEntry;
const limit = { tokens: 4096, learnedAt: 1_700_000_000_000, source: "Bedrock ValidationException (request r-1)" };

describe("readLearnedFacts", () => {
  it("keeps well-formed facts, only their known fields", () => {
    const read = readLearnedFacts(
      entry({
        "amazon.nova-pro-v1:0": { maxTokens: { ...limit, extra: 1 }, refusedFields: { cachePoint: { learnedAt: 2, source: "s", x: true } }, other: "dropped" },
        "anthropic.claude-3-5-haiku-20241022-v1:0": { contextWindow: limit },
      }),
    );
    expect(read).toEqual({
      "amazon.nova-pro-v1:0": { maxTokens: limit, refusedFields: { cachePoint: { learnedAt: 2, source: "s" } } },
      "anthropic.claude-3-5-haiku-20241022-v1:0": { contextWindow: limit },
    });
  });

  it.each([
    ["no entry", undefined],
    ["learned is an array", []],
    ["learned is a string", "x"],
    ["a model's facts are null", { m: null }],
    ["tokens is a string", { m: { maxTokens: { ...limit, tokens: "many" } } }],
    ["tokens is 0", { m: { maxTokens: { ...limit, tokens: 0 } } }],
    ["tokens is fractional", { m: { maxTokens: { ...limit, tokens: 1.5 } } }],
    ["learnedAt is Infinity", { m: { contextWindow: { ...limit, learnedAt: Number.POSITIVE_INFINITY } } }],
    ["source is missing", { m: { maxTokens: { tokens: 1, learnedAt: 1 } } }],
    ["a refused field is malformed", { m: { refusedFields: { status: { learnedAt: "yesterday", source: "s" } } } }],
  ])("reads as nothing learned when %s", (_name, learned) => {
    expect(readLearnedFacts(learned === undefined ? undefined : entry(learned))).toEqual({});
  });

  it("an empty record reads as empty", () => {
    expect(readLearnedFacts(entry({}))).toEqual({});
  });
});
