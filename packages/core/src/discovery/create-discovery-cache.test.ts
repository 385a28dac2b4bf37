import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { type DiscoveryCacheEntry, type DiscoveryCacheStore } from "./discovery-types.js";
import { createMemoryDiscoveryCache } from "./memory-cache.js";
import { plane, gateFoundation, accessDenied, serverError, make, useControlPlane } from "./create-discovery.test-helper.js";

useControlPlane();

describe("cache", () => {
  it("serves the cache for refreshInterval seconds, then fetches again", async () => {
    const { discovery, clock } = make({ discovery: { refreshInterval: 600 } });
    const first = await discovery.list();
    expect(first.source).toBe("network");
    expect(first.fetchedAt).toBe(clock.t);
    clock.t += 599_999;
    const second = await discovery.list();
    expect(second.source).toBe("cache");
    expect(second.models).toEqual(first.models);
    expect(second.fetchedAt).toBe(first.fetchedAt);
    expect(plane.foundationCalls).toBe(1);
    clock.t += 1;
    expect((await discovery.list()).source).toBe("network");
    expect(plane.foundationCalls).toBe(2);
  });

  it("refresh: true bypasses a fresh entry", async () => {
    const { discovery } = make();
    await discovery.list();
    expect((await discovery.list({ refresh: true })).source).toBe("network");
    expect(plane.foundationCalls).toBe(2);
  });

  it("refreshInterval 0 disables caching", async () => {
    const store = createMemoryDiscoveryCache();
    const writes: string[] = [];
    const spy: DiscoveryCacheStore = { get: (k) => store.get(k), set: async (k, e) => (writes.push(k), store.set(k, e)) };
    const { discovery } = make({ discovery: { refreshInterval: 0 }, cache: spy });
    expect((await discovery.list()).source).toBe("network");
    expect((await discovery.list()).source).toBe("network");
    expect(plane.foundationCalls).toBe(2);
    expect(writes).toEqual([]);
  });

  it("is keyed by filter and defaults: a different filter does not reuse the entry", async () => {
    const cache = createMemoryDiscoveryCache();
    const clock = { t: 1_000_000 };
    await make({ cache, clock }).discovery.list();
    expect((await make({ cache, clock }).discovery.list()).source).toBe("cache");
    expect((await make({ cache, clock, discovery: { providerFilter: "meta" } }).discovery.list()).source).toBe("network");
    expect((await make({ cache, clock, discovery: { defaultMaxTokens: 1000 } }).discovery.list()).source).toBe("network");
    expect(plane.foundationCalls).toBe(3);
  });

  it("ignores a corrupt or failing store and fetches", async () => {
    const junk: DiscoveryCacheStore = { get: async () => ({ models: "nope" }) as unknown as DiscoveryCacheEntry, set: async () => {} };
    expect((await make({ cache: junk }).discovery.list()).source).toBe("network");
    const broken: DiscoveryCacheStore = {
      get: async () => {
        throw new Error("disk on fire");
      },
      set: async () => {
        throw new Error("disk on fire");
      },
    };
    const { discovery } = make({ cache: broken });
    expect((await discovery.list()).source).toBe("network");
    expect((await discovery.list()).source).toBe("cache"); // the in-memory copy still serves
  });

  it("an entry with wrongly typed models (input: \"text\", a price missing, a string context window) is dropped and fetched again", async () => {
    // A real entry, as a first client cached it, then damaged in the store.
    const clock = { t: 1_750_000_000_000 };
    const cached: Array<[string, DiscoveryCacheEntry]> = [];
    await make({ cache: { get: async () => undefined, set: async (k, e) => void cached.push([k, e]) }, clock }).discovery.list();
    const [key, good] = cached[0]!;
    for (const damage of [
      (m: Record<string, unknown>) => (m.input = "text"),
      (m: Record<string, unknown>) => delete (m.cost as Record<string, unknown>).cacheRead,
      (m: Record<string, unknown>) => (m.contextWindow = "200k"),
      (m: Record<string, unknown>) => delete m.name,
    ]) {
      const bad = structuredClone(good);
      damage(bad.models[1] as unknown as Record<string, unknown>);
      const written: DiscoveryCacheEntry[] = [];
      const damaged: DiscoveryCacheStore = { get: async (k) => (k === key ? bad : undefined), set: async (_k, e) => void written.push(e) };
      const before = plane.foundationCalls;
      const result = await make({ cache: damaged, clock }).discovery.list();
      expect(result.source).toBe("network");
      expect(plane.foundationCalls).toBe(before + 1);
      expect(result.models).toEqual(good.models);
      for (const m of result.models) expect(Array.isArray(m.input)).toBe(true);
      expect(written).toHaveLength(1); // the good list replaces the damaged one
    }
  });
});

describe("in-flight sharing", () => {
  it("concurrent calls share one request", async () => {
    const { release, started } = gateFoundation();
    const { discovery } = make();
    const calls = [discovery.list(), discovery.list(), discovery.list({ refresh: true })];
    await started();
    release();
    const results = await Promise.all(calls);
    expect(plane.foundationCalls).toBe(1);
    expect(results.map((r) => r.source)).toEqual(["network", "network", "network"]);
    expect(results[1]!.models).toBe(results[0]!.models);
  });

  it("one caller aborting does not cancel the request for the others", async () => {
    const { release, started } = gateFoundation();
    const { discovery } = make();
    const controller = new AbortController();
    const aborted = discovery.list({ signal: controller.signal });
    const kept = discovery.list();
    await started();
    controller.abort();
    const abortedResult = await aborted;
    expect(abortedResult.models).toEqual([]);
    expect(abortedResult.reason).toMatch(/aborted/);
    release();
    const keptResult = await kept;
    expect(keptResult.source).toBe("network");
    expect(keptResult.models.length).toBeGreaterThan(0);
    expect(plane.foundationCalls).toBe(1);
  });
});

describe("failures never throw", () => {
  it("serves the stale list with the reason when a refresh fails", async () => {
    const { discovery, clock } = make({ discovery: { refreshInterval: 60 } });
    const good = await discovery.list();
    clock.t += 120_000;
    plane.foundation = () => serverError();
    const stale = await discovery.list();
    expect(stale.source).toBe("stale");
    expect(stale.models).toEqual(good.models);
    expect(stale.fetchedAt).toBe(good.fetchedAt);
    expect(stale.reason).toMatch(/^Model discovery failed: .*InternalServerException.*500/);
    expect(stale.reason).toContain(new Date(good.fetchedAt!).toISOString());
    expect(stale.error).toBeInstanceOf(Error);
  });

  it("returns an empty list and the reason when nothing is cached", async () => {
    plane.foundation = () => accessDenied("ListFoundationModels");
    const result = await make().discovery.list();
    expect(result.models).toEqual([]);
    expect(result.source).toBe("network");
    expect(result.reason).toMatch(/^Model discovery failed: bedrock:ListFoundationModels was denied \(AccessDeniedException, HTTP 403\)/);
    expect(result.reason).toContain("Allow bedrock:ListFoundationModels for these credentials in IAM");
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error?.name).toBe("AccessDeniedError");
  });

  it("reports a body that is not JSON", async () => {
    plane.foundation = () => new HttpResponse("<html>captive portal</html>", { status: 200, headers: { "content-type": "text/html" } });
    const result = await make().discovery.list();
    expect(result.models).toEqual([]);
    expect(result.reason).toMatch(/not JSON/);
  });

  it("reports a network failure", async () => {
    plane.foundation = () => HttpResponse.error();
    const result = await make().discovery.list();
    expect(result.models).toEqual([]);
    expect(result.reason).toMatch(/^Model discovery failed: /);
  });
});

describe("enabled", () => {
  it("is off without credentials unless forced on", async () => {
    const off = await make({ credentials: false }).discovery.list();
    expect(off).toEqual({ models: [], source: "disabled", reason: expect.stringContaining("no AWS credentials") });
    expect(plane.foundationCalls).toBe(0);
    const forced = await make({ credentials: false, discovery: { enabled: true } }).discovery.list();
    expect(forced.source).toBe("network");
  });

  it("explicit false wins over credentials", async () => {
    const result = await make({ credentials: true, discovery: { enabled: false } }).discovery.list();
    expect(result.source).toBe("disabled");
    expect(result.reason).toContain("models.bedrockDiscovery.enabled is false");
    expect(plane.foundationCalls).toBe(0);
  });
});
