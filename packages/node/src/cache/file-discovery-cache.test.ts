import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DiscoveryCacheEntry } from "@streambed/core";
import { cacheFileName, createFileDiscoveryCache } from "./file-discovery-cache.js";

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "streambed-cache-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const entry: DiscoveryCacheEntry = {
  fetchedAt: 1_750_000_000_000,
  models: [
    {
      id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      name: "Claude Sonnet 4.5 (US)",
      api: "bedrock-converse-stream",
      provider: "amazon-bedrock",
      vendor: "Anthropic",
      reasoning: true,
      input: ["text", "image"],
      cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      contextWindow: 200_000,
      maxTokens: 64_000,
      supportsCaching: true,
    },
  ],
  profilesReason: "Inference profiles could not be listed: denied.",
};

describe("createFileDiscoveryCache", () => {
  it("stores entries under ~/.streambed/cache and reads them back", async () => {
    const cache = createFileDiscoveryCache({ home });
    expect(await cache.get("k1")).toBeUndefined();
    await cache.set("k1", entry);
    expect(await cache.get("k1")).toEqual(entry);
    expect(await createFileDiscoveryCache({ home }).get("k1")).toEqual(entry); // another process
    expect(await readdir(join(home, ".streambed", "cache"))).toEqual([cacheFileName("k1")]);
    expect(await cache.get("k2")).toBeUndefined();
  });

  it("ignores a corrupt file and rewrites it on the next set", async () => {
    const dir = join(home, "c");
    await mkdir(dir, { recursive: true });
    const file = join(dir, cacheFileName("k"));
    const cache = createFileDiscoveryCache({ dir });
    for (const junk of ['{"version":1,"key":"k","entry":{"models":[{"id":', "[]", '{"version":1,"key":"other","entry":{"models":[],"fetchedAt":1}}', '{"version":1,"key":"k","entry":{"models":"x","fetchedAt":1}}']) {
      await writeFile(file, junk);
      expect(await cache.get("k")).toBeUndefined();
    }
    await cache.set("k", entry);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ version: 1, key: "k", entry });
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("concurrent writers never leave a half-written file", async () => {
    const cache = createFileDiscoveryCache({ home });
    const entries = Array.from({ length: 20 }, (_, i) => ({ ...entry, fetchedAt: entry.fetchedAt + i }));
    await Promise.all(entries.map((e) => cache.set("k", e)));
    const read = await cache.get("k");
    expect(entries).toContainEqual(read);
  });
});
