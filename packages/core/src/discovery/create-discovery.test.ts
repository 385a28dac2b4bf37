import { describe, expect, it } from "vitest";
import { ACME, HAIKU_3, LLAMA_33, LLAMA_4_SCOUT, NOVA_PRO, R1, SONNET_35, SONNET_45 } from "./catalogue.fixture.js";
import { pagedProfiles, plane, resetPlane, accessDenied, serverError, make, useControlPlane } from "./create-discovery.test-helper.js";

useControlPlane();

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
