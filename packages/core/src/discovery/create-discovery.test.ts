import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { discoverySettings, type ResolvedDiscoverySettings } from "../config/discovery-settings.js";
import { parseConfig } from "../config/parse-config.js";
import { createDiscovery } from "./create-discovery.js";
import type { ControlPlaneRequest, DiscoveryCacheEntry, DiscoveryCacheStore } from "./discovery-types.js";
import { ACME, HAIKU_3, LLAMA_33, LLAMA_4_SCOUT, NOVA_PRO, R1, SONNET_35, SONNET_45, foundationModels, inferenceProfiles } from "./catalogue.fixture.js";
import { createMemoryDiscoveryCache } from "./memory-cache.js";

// Loopback only: MSW answers before any socket opens, and a miss would hit a closed local port.
const ENDPOINT = "http://127.0.0.1:9";
const REGION = "us-east-1";

/** What the fake control plane does; tests change it. */
interface Plane {
  foundationCalls: number;
  profileCalls: number;
  foundationQueries: URLSearchParams[];
  profileQueries: URLSearchParams[];
  pageSize: number;
  foundation: () => Promise<Response> | Response;
  profiles: (page: number) => Promise<Response> | Response;
}

let plane: Plane;

/** ListInferenceProfiles, `plane.pageSize` per page, `nextToken` = "page-<n>". */
function pagedProfiles(page: number): Response {
  const slice = inferenceProfiles.slice(page * plane.pageSize, (page + 1) * plane.pageSize);
  const more = (page + 1) * plane.pageSize < inferenceProfiles.length;
  return HttpResponse.json({ inferenceProfileSummaries: slice, ...(more ? { nextToken: `page-${page + 1}` } : {}) } as unknown as JsonBodyType);
}

/** Hold ListFoundationModels until `release()`; `started()` resolves once the request arrived. */
function gateFoundation(): { release: () => void; started: () => Promise<void> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  plane.foundation = async () => {
    await gate;
    return HttpResponse.json({ modelSummaries: foundationModels } as unknown as JsonBodyType);
  };
  return {
    release,
    started: async () => {
      while (plane.foundationCalls === 0) await new Promise((r) => setTimeout(r, 1));
    },
  };
}

function accessDenied(action: string): Response {
  return HttpResponse.json(
    { message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:${action} because no identity-based policy allows the bedrock:${action} action` },
    { status: 403, headers: { "x-amzn-errortype": "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/", "x-amzn-requestid": "0f0e0d0c-1111-2222-3333-444455556666" } },
  );
}

function serverError(): Response {
  return HttpResponse.json({ message: "Internal server error" }, { status: 500, headers: { "x-amzn-errortype": "InternalServerException" } });
}

function resetPlane(): void {
  plane = {
    foundationCalls: 0,
    profileCalls: 0,
    foundationQueries: [],
    profileQueries: [],
    pageSize: 4,
    foundation: () => HttpResponse.json({ modelSummaries: foundationModels } as unknown as JsonBodyType),
    profiles: (page) => pagedProfiles(page),
  };
}

const server = setupServer(
  http.get(`${ENDPOINT}/foundation-models`, ({ request }) => {
    plane.foundationCalls++;
    plane.foundationQueries.push(new URL(request.url).searchParams);
    return plane.foundation();
  }),
  http.get(`${ENDPOINT}/inference-profiles`, ({ request }) => {
    plane.profileCalls++;
    const query = new URL(request.url).searchParams;
    plane.profileQueries.push(query);
    const token = query.get("nextToken");
    return plane.profiles(token ? Number(token.slice("page-".length)) : 0);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetPlane());
afterAll(() => server.close());
resetPlane();

/** The injected signed-request function, here plain fetch (signing is the client's job). */
const request: ControlPlaneRequest = async ({ method, path, query, signal }) => {
  const url = new URL(ENDPOINT + path);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, { method, ...(signal ? { signal } : {}) });
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => (headers[key] = value));
  return { status: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) };
};

function settings(discovery: Record<string, unknown> = {}): ResolvedDiscoverySettings {
  return discoverySettings(parseConfig({ models: { bedrockDiscovery: discovery } }));
}

function make(opts: { discovery?: Record<string, unknown>; credentials?: boolean; cache?: DiscoveryCacheStore; clock?: { t: number } } = {}) {
  const clock = opts.clock ?? { t: 1_750_000_000_000 };
  return {
    clock,
    discovery: createDiscovery({
      request,
      settings: settings(opts.discovery),
      region: REGION,
      endpoint: ENDPOINT,
      hasCredentials: async () => opts.credentials ?? true,
      cache: opts.cache ?? createMemoryDiscoveryCache(),
      now: () => clock.t,
    }),
  };
}

describe("discovery against a realistic catalogue", () => {
  it("keeps streaming text models and offers profile-only models under their profile ids", async () => {
    const { discovery } = make();
    const result = await discovery.list();
    expect(result.source).toBe("network");
    expect(result.reason).toBeUndefined();
    expect(result.profilesReason).toBeUndefined();
    const ids = result.models.map((m) => m.id).sort();
    expect(ids).toEqual(
      [
        ACME,
        HAIKU_3,
        `us.${HAIKU_3}`,
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
        NOVA_PRO,
        `us.${NOVA_PRO}`,
        "mistral.mistral-large-2402-v1:0",
        `us.${SONNET_45}`,
        `eu.${SONNET_45}`,
        `global.${SONNET_45}`,
        `us.${LLAMA_33}`,
        `us.${R1}`,
      ].sort(),
    );
    // Bare ids of profile-only models fail on Bedrock: never offered.
    expect(ids).not.toContain(SONNET_45);
    expect(ids).not.toContain(LLAMA_33);
    // No profile exists for Llama 4 Scout here, so it cannot be called at all.
    expect(ids.some((id) => id.includes(LLAMA_4_SCOUT))).toBe(false);
    // Embedding, image, non-streaming and LEGACY models are out.
    for (const gone of ["amazon.titan-embed-text-v2:0", "amazon.nova-canvas-v1:0", "stability.sd3-5-large-v1:0", "cohere.embed-english-v3", "ai21.j2-ultra-v1", SONNET_35, "amazon.titan-text-express-v1"]) {
      expect(ids.some((id) => id.endsWith(gone))).toBe(false);
    }
  });

  it("asks Bedrock to filter server-side and pages through profiles", async () => {
    const { discovery } = make();
    await discovery.list();
    expect(plane.foundationQueries[0]!.get("byOutputModality")).toBe("TEXT");
    expect(plane.profileCalls).toBe(3); // 9 profiles, 4 per page
    expect(plane.profileQueries.map((q) => [q.get("maxResults"), q.get("nextToken")])).toEqual([
      ["1000", null],
      ["1000", "page-1"],
      ["1000", "page-2"],
    ]);
  });

  it("fills each model from the API, the known-limits table and the defaults", async () => {
    const { discovery } = make({ discovery: { defaultContextWindow: 64000, defaultMaxTokens: 2048 } });
    const { models } = await discovery.list();
    const sonnet = models.find((m) => m.id === `us.${SONNET_45}`)!;
    expect(sonnet).toMatchObject({
      name: "Claude Sonnet 4.5 (US)",
      provider: "amazon-bedrock",
      api: "bedrock-converse-stream",
      vendor: "Anthropic",
      input: ["text", "image"],
      reasoning: true,
      contextWindow: 200_000,
      maxTokens: 64_000,
      cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      supportsCaching: true,
    });
    expect(models.find((m) => m.id === `global.${SONNET_45}`)!.name).toBe("Claude Sonnet 4.5 (Global)");
    expect(models.find((m) => m.id === NOVA_PRO)!.input).toEqual(["text", "image"]); // VIDEO is not a streambed input
    expect(models.find((m) => m.id === `us.${R1}`)!.reasoning).toBe(true);
    const app = models.find((m) => m.id.includes("application-inference-profile"))!;
    expect(app.name).toBe("Claude 3 Haiku (team-chat)");
    const acme = models.find((m) => m.id === ACME)!;
    expect(acme).toMatchObject({ name: "Widget Chat", vendor: "Acme", contextWindow: 64000, maxTokens: 2048, reasoning: false, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } });
  });

  it("lists LEGACY models when asked, through config or per call", async () => {
    const { discovery } = make();
    const legacy = await discovery.list({ includeLegacy: true });
    expect(legacy.models.map((m) => m.id)).toEqual(expect.arrayContaining([SONNET_35, `us.${SONNET_35}`, "amazon.titan-text-express-v1"]));
    const viaConfig = await make({ discovery: { includeLegacy: true } }).discovery.list();
    expect(viaConfig.models.some((m) => m.id === SONNET_35)).toBe(true);
  });
});

describe("providerFilter", () => {
  it("matches provider names case-insensitively", async () => {
    const { models } = await make({ discovery: { providerFilter: ["ANTHROPIC", "meta"] } }).discovery.list();
    expect(new Set(models.map((m) => m.vendor))).toEqual(new Set(["Anthropic", "Meta"]));
  });

  it("matches id prefixes, including a single string", async () => {
    const { models } = await make({ discovery: { providerFilter: "amazon.nova" } }).discovery.list();
    expect(models.map((m) => m.id).sort()).toEqual([NOVA_PRO, `us.${NOVA_PRO}`]);
    const deepseek = await make({ discovery: { providerFilter: ["DeepSeek"] } }).discovery.list();
    expect(deepseek.models.map((m) => m.id)).toEqual([`us.${R1}`]);
  });
});

describe("inference profiles denied or failing", () => {
  it("continues on AccessDenied, says why, and drops only the profile-only models", async () => {
    plane.profiles = () => accessDenied("ListInferenceProfiles");
    const { discovery } = make();
    const result = await discovery.list();
    expect(result.source).toBe("network");
    expect(result.reason).toBeUndefined();
    expect(result.profilesReason).toMatch(/^Inference profiles could not be listed: bedrock:ListInferenceProfiles was denied \(AccessDeniedException, HTTP 403\): User: /);
    expect(result.profilesReason).toContain("Allow bedrock:ListInferenceProfiles for these credentials in IAM");
    expect(result.profilesReason).toContain(`4 model(s) that need an inference profile are left out (${SONNET_45}, ${LLAMA_33}, ${LLAMA_4_SCOUT}, …)`);
    expect(result.models.map((m) => m.id).sort()).toEqual([ACME, HAIKU_3, NOVA_PRO, "mistral.mistral-large-2402-v1:0"].sort());
  });

  it("caches an AccessDenied result for the full TTL, a server failure only briefly", async () => {
    plane.profiles = () => accessDenied("ListInferenceProfiles");
    const denied = make();
    await denied.discovery.list();
    denied.clock.t += 10 * 60_000;
    expect((await denied.discovery.list()).source).toBe("cache");

    resetPlane();
    plane.profiles = () => serverError();
    const flaky = make();
    await flaky.discovery.list();
    flaky.clock.t += 30_000;
    expect((await flaky.discovery.list()).source).toBe("cache");
    flaky.clock.t += 31_000;
    plane.profiles = (page) => pagedProfiles(page);
    const again = await flaky.discovery.list();
    expect(again.source).toBe("network");
    expect(again.profilesReason).toBeUndefined();
    expect(again.models.some((m) => m.id === `us.${SONNET_45}`)).toBe(true);
  });
});


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
