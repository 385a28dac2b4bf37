import { describe, expect, it } from "vitest";
import { buildDiscoveredModels } from "./build-discovered-models.js";
import { foundationModels, inferenceProfiles } from "./catalogue.fixture.js";
import { checkDiscoveryCacheEntry, isDiscoveryCacheEntry } from "./discovery-cache-entry.js";
import type { DiscoveryCacheEntry } from "./discovery-types.js";

/** An entry as discovery caches it, from the realistic catalogue. */
function entry(): DiscoveryCacheEntry {
  const { models } = buildDiscoveredModels(foundationModels, inferenceProfiles, { providerFilter: [], includeLegacy: false, defaultContextWindow: 32000, defaultMaxTokens: 4096 });
  return { models, fetchedAt: 1_750_000_000_000 };
}

function damaged(change: (e: Record<string, any>) => void): unknown {
  const e = structuredClone(entry()) as unknown as Record<string, any>;
  change(e);
  return e;
}

describe("checkDiscoveryCacheEntry", () => {
  it("accepts what discovery caches (with expiresAt and profilesReason too)", () => {
    expect(entry().models.length).toBeGreaterThan(5);
    expect(checkDiscoveryCacheEntry(entry())).toEqual({ ok: true, entry: entry() });
    expect(isDiscoveryCacheEntry({ ...entry(), expiresAt: 1_750_000_060_000, profilesReason: "Inference profiles could not be listed" })).toBe(true);
  });

  it("names the first problem the way config errors do", () => {
    const problem = (e: unknown) => {
      const r = checkDiscoveryCacheEntry(e);
      return r.ok ? undefined : r.problem;
    };
    expect(problem(damaged((e) => (e.models[2].input = "text")))).toBe('models[2].input: expected an array of "text" / "image", got "text"');
    expect(problem(damaged((e) => (e.models[0].input = ["text", "audio"])))).toBe('models[0].input[1]: expected "text" or "image", got "audio"');
    expect(problem(damaged((e) => delete e.models[1].cost.cacheWrite))).toBe("models[1].cost.cacheWrite: expected a value (this key is required), got nothing");
    expect(problem(damaged((e) => (e.models[1].contextWindow = "200k")))).toBe('models[1].contextWindow: expected a token count (integer ≥ 1), got "200k"');
    expect(problem(damaged((e) => delete e.models[0].reasoning))).toBe("models[0].reasoning: expected a value (this key is required), got nothing");
    expect(problem(damaged((e) => (e.models[0].id = 42)))).toBe("models[0].id: expected a non-empty string, got 42");
    expect(problem(damaged((e) => (e.fetchedAt = "yesterday")))).toBe('fetchedAt: expected a time in ms since the epoch, got "yesterday"');
    expect(problem(damaged((e) => ((e.models[0].input = "text"), (e.models[3].maxTokens = 0))))).toBe('models[0].input: expected an array of "text" / "image", got "text" (and 1 more problem)');
    expect(problem({ models: "nope", fetchedAt: 1 })).toBe('models: expected an array of model objects, got "nope"');
    expect(problem([entry()])).toBe("(entry): expected a discovery cache entry { models, fetchedAt }, got nothing");
    expect(problem(null)).toBe("(entry): expected a discovery cache entry { models, fetchedAt }, got null");
  });
});
