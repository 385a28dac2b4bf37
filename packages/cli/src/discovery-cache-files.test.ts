import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLearnedLimits, discoveryCacheKey } from "@streambed/core";
import { createFileDiscoveryCache } from "streambed";
import { readCacheFiles } from "./discovery-cache-files.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "streambed-cache-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readCacheFiles", () => {
  it("reads what the file cache writes: region, endpoint, fetchedAt, model count", async () => {
    const key = discoveryCacheKey({ region: "eu-west-1", endpoint: "https://bedrock.eu-west-1.amazonaws.com/", providerFilter: [], defaultContextWindow: 32000, defaultMaxTokens: 4096, includeLegacy: false });
    const model = { id: "amazon.nova-pro-v1:0", name: "Nova Pro", reasoning: false, input: ["text" as const], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 300000, maxTokens: 5000 };
    await createFileDiscoveryCache({ dir }).set(key, { models: [model], fetchedAt: 1_700_000_000_000 });
    await writeFile(join(dir, "discovery-00000000deadbeef.json"), "not json");
    const files = await readCacheFiles(dir);
    expect(files).toHaveLength(2);
    expect(files.find((f) => f.region)).toMatchObject({ region: "eu-west-1", endpoint: "https://bedrock.eu-west-1.amazonaws.com", fetchedAt: 1_700_000_000_000, models: 1 });
    expect(files.find((f) => !f.region)).toEqual({ file: join(dir, "discovery-00000000deadbeef.json"), problem: "not a JSON cache file" });
    expect(files.find((f) => f.region)!.problem).toBeUndefined();
  });

  it("names the problem of an entry whose models fail the schema (the client drops it)", async () => {
    const key = discoveryCacheKey({ region: "us-east-1", endpoint: "https://bedrock.us-east-1.amazonaws.com", providerFilter: [], defaultContextWindow: 32000, defaultMaxTokens: 4096, includeLegacy: false });
    const model = { id: "amazon.nova-pro-v1:0", name: "Nova Pro", reasoning: false, input: ["text" as const], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 300000, maxTokens: 5000 };
    await createFileDiscoveryCache({ dir }).set(key, { models: [model, { ...model, id: "amazon.nova-lite-v1:0", input: "text" as never }], fetchedAt: 1_700_000_000_000 });
    const [file] = await readCacheFiles(dir);
    expect(file).toMatchObject({ region: "us-east-1", models: 2, problem: 'models[1].input: expected an array of "text" / "image", got "text"' });
  });
  it("reads the learned-facts file the client writes through the same cache (per runtime endpoint)", async () => {
    const learned = createLearnedLimits({ cache: createFileDiscoveryCache({ dir }), runtimeEndpoint: "https://bedrock-runtime.us-east-1.amazonaws.com/", now: () => 1_765_000_000_000 });
    learned.learnLimit("us.anthropic.claude-3-5-sonnet-20240620-v1:0", { kind: "output", maximum: 4096 }, "Bedrock ValidationException (request r-1)");
    await learned.flushed();
    const [file] = await readCacheFiles(dir);
    expect(file).toMatchObject({
      endpoint: "https://bedrock-runtime.us-east-1.amazonaws.com",
      learned: { "anthropic.claude-3-5-sonnet-20240620-v1:0": { maxTokens: { tokens: 4096, learnedAt: 1_765_000_000_000, source: "Bedrock ValidationException (request r-1)" } } },
    });
    expect(file!.region).toBeUndefined();
    expect(file!.problem).toBeUndefined();
  });
  it("a missing folder is an empty list", async () => {
    expect(await readCacheFiles(join(dir, "nope"))).toEqual([]);
  });
});
