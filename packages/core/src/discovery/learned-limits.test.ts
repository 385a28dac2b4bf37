import { describe, expect, it } from "vitest";
import { testModel } from "../request/test-helpers.js";
import type { DiscoveryCacheEntry, DiscoveryCacheStore } from "./discovery-types.js";
import { applyLearnedLimits, createLearnedLimits, describeLearnedFacts, learnedLimitsCacheKey, readLearnedFacts } from "./learned-limits.js";
import { createMemoryDiscoveryCache } from "./memory-cache.js";

const ENDPOINT = "http://127.0.0.1:4010";
const SOURCE = "Bedrock ValidationException (request req-1)";

describe("learned limits", () => {
  it("records the limit a ValidationException named, for every id of the model, and keeps it in the discovery cache", async () => {
    const cache = createMemoryDiscoveryCache();
    const learned = createLearnedLimits({ cache, runtimeEndpoint: `${ENDPOINT}/`, now: () => 1_765_000_000_000 });
    const note = learned.learnLimit("us.anthropic.claude-3-5-sonnet-20240620-v1:0", { kind: "output", maximum: 4096 }, SOURCE);
    expect(note).toEqual({ modelId: "us.anthropic.claude-3-5-sonnet-20240620-v1:0", field: "maxTokens", tokens: 4096, learnedAt: 1_765_000_000_000, source: SOURCE });
    learned.learnLimit("anthropic.claude-3-5-sonnet-20240620-v1:0", { kind: "input", requested: 200049, maximum: 200000 }, SOURCE);
    expect(learned.learnLimit("anthropic.claude-3-5-sonnet-20240620-v1:0", { kind: "input" }, SOURCE)).toBeUndefined();
    await learned.flushed();
    const facts = await learned.get("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0");
    expect(facts).toEqual({
      maxTokens: { tokens: 4096, learnedAt: 1_765_000_000_000, source: SOURCE },
      contextWindow: { tokens: 200000, learnedAt: 1_765_000_000_000, source: SOURCE },
    });
    // A second client (another process) reads them from the same store.
    const other = createLearnedLimits({ cache, runtimeEndpoint: ENDPOINT });
    expect(await other.all()).toEqual({ "anthropic.claude-3-5-sonnet-20240620-v1:0": facts });
    // Another endpoint (an emulator) does not share them.
    expect(await createLearnedLimits({ cache, runtimeEndpoint: "https://bedrock-runtime.us-east-1.amazonaws.com" }).all()).toEqual({});
  });

  it("keeps what two writers learned at once, and a failing store loses only the persistence", async () => {
    const entries = new Map<string, DiscoveryCacheEntry>();
    const slow: DiscoveryCacheStore = {
      get: async (key) => entries.get(key),
      set: async (key, entry) => {
        await new Promise((r) => setTimeout(r, 5));
        entries.set(key, entry);
      },
    };
    const learned = createLearnedLimits({ cache: slow, runtimeEndpoint: ENDPOINT });
    learned.learnLimit("amazon.nova-pro-v1:0", { kind: "output", maximum: 10000 }, SOURCE);
    learned.learnRefusedField("amazon.nova-pro-v1:0", "cachePoint", "ValidationException at messages/2/content/1");
    await learned.flushed();
    expect(Object.keys(readLearnedFacts(entries.get(learnedLimitsCacheKey(ENDPOINT)))["amazon.nova-pro-v1:0"]!)).toEqual(["maxTokens", "refusedFields"]);

    const broken: DiscoveryCacheStore = { get: async () => Promise.reject(new Error("disk gone")), set: async () => Promise.reject(new Error("disk gone")) };
    const memoryOnly = createLearnedLimits({ cache: broken, runtimeEndpoint: ENDPOINT });
    memoryOnly.learnLimit("amazon.nova-pro-v1:0", { kind: "output", maximum: 10000 }, SOURCE);
    await memoryOnly.flushed();
    expect((await memoryOnly.get("amazon.nova-pro-v1:0"))?.maxTokens?.tokens).toBe(10000);
  });

  it("peek never waits on the store: it starts reading it, and knows what it holds once read", async () => {
    const cache = createMemoryDiscoveryCache();
    const writer = createLearnedLimits({ cache, runtimeEndpoint: ENDPOINT });
    writer.learnRefusedField("amazon.nova-pro-v1:0", "cachePoint", "x");
    await writer.flushed();
    const reader = createLearnedLimits({ cache, runtimeEndpoint: ENDPOINT });
    expect(reader.peek("us.amazon.nova-pro-v1:0")).toBeUndefined();
    await reader.all();
    expect(Object.keys(reader.peek("us.amazon.nova-pro-v1:0")?.refusedFields ?? {})).toEqual(["cachePoint"]);
  });

  it("reads a malformed stored entry as nothing learned", () => {
    expect(readLearnedFacts({ models: [], fetchedAt: 1, learned: { x: { maxTokens: { tokens: "many" } } } } as unknown as DiscoveryCacheEntry)).toEqual({});
    expect(readLearnedFacts(undefined)).toEqual({});
  });

  it("applies a learned limit only when it is lower than the catalogue's, and says where it came from", () => {
    const model = testModel("anthropic.claude-sonnet-4-5-20250929-v1:0", { maxTokens: 64_000, contextWindow: 200_000 });
    const lower = applyLearnedLimits(model, { maxTokens: { tokens: 4096, learnedAt: 0, source: SOURCE } });
    expect(lower).toMatchObject({ maxTokens: 4096, contextWindow: 200_000, learned: { maxTokens: { tokens: 4096 } } });
    const higher = applyLearnedLimits(model, { maxTokens: { tokens: 200_000, learnedAt: 0, source: SOURCE } });
    expect(higher.maxTokens).toBe(64_000);
    expect(applyLearnedLimits(model, undefined)).toBe(model);
    expect(describeLearnedFacts({ maxTokens: { tokens: 4096, learnedAt: Date.UTC(2026, 11, 4, 14, 30), source: SOURCE }, refusedFields: { cachePoint: { learnedAt: Date.UTC(2026, 11, 4), source: "x" } } })).toEqual([
      "maxTokens 4096 (learned 2026-12-04T14:30:00Z from Bedrock ValidationException (request req-1))",
      "cachePoint not sent (refused 2026-12-04T00:00:00Z: x)",
    ]);
  });
});
