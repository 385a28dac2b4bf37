import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, defaultModels, defaultProfiles, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { createBedrock } from "../create-bedrock.js";

// Contract check: discovery + the disk cache against the emulator's ListFoundationModels /
// ListInferenceProfiles (loopback HTTP, SigV4-signed by the real client).
let emulator: RunningEmulator;
let home: string;
beforeAll(async () => {
  emulator = await startEmulator({ host: "127.0.0.1" });
  home = await mkdtemp(join(tmpdir(), "streambed-discovery-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(home, { recursive: true, force: true });
});

function client(config: Record<string, unknown> = {}) {
  return createBedrock({
    region: "us-east-1",
    credentials: DEMO_CREDENTIALS,
    endpoint: emulator.url,
    controlPlaneEndpoint: emulator.url,
    config,
    fetch,
    discoveryCache: "memory",
    env: {},
  });
}

describe("discovery against the emulator catalogue", () => {
  it("lists only callable streaming text models, profile-only ones under profile ids", async () => {
    const { models, discovery } = await client().models.listing();
    expect(discovery.source).toBe("network");
    expect(discovery.reason).toBeUndefined();
    const ids = new Set(models.map((m) => m.id));
    for (const m of defaultModels("us-east-1")) {
      const streamsText = m.responseStreamingSupported === true && (m.outputModalities ?? []).includes("TEXT") && m.modelLifecycle?.status === "ACTIVE";
      const onDemand = (m.inferenceTypesSupported ?? ["ON_DEMAND"]).includes("ON_DEMAND");
      expect(ids.has(m.modelId), m.modelId).toBe(streamsText && onDemand);
      if (streamsText && !onDemand) {
        const profiles = defaultProfiles("us-east-1").filter((p) => p.models.some((x) => x.modelArn.endsWith(`/${m.modelId}`)));
        for (const p of profiles) expect(ids.has(p.type === "APPLICATION" ? p.inferenceProfileArn : p.inferenceProfileId), p.inferenceProfileId).toBe(true);
      }
    }
  });

  it("shares the list through the disk cache", async () => {
    const { createFileDiscoveryCache } = await import("./file-discovery-cache.js");
    const make = () =>
      createBedrock({
        region: "us-east-1",
        credentials: DEMO_CREDENTIALS,
        endpoint: emulator.url,
        controlPlaneEndpoint: emulator.url,
        config: {},
        fetch,
        discoveryCache: createFileDiscoveryCache({ home }),
        env: {},
      });
    const first = await make().models.listing();
    expect(first.discovery.source).toBe("network");
    const second = await make().models.listing();
    expect(second.discovery.source).toBe("cache");
    expect(second.models.map((m) => m.id)).toEqual(first.models.map((m) => m.id));
    expect((await readdir(join(home, ".streambed", "cache"))).length).toBe(1);
  });
});
