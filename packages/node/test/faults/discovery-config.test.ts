/**
 * Fault catalogue, discovery and config: the control plane down (stale list, or empty with the
 * reason), a corrupt cache file, an invalid config file (path named, file untouched), and 20
 * concurrent `config set` writes (no torn file). Against the emulator, undici and fetch.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { ConfigError, type DiscoveryCacheEntry, type DiscoveryCacheStore } from "@streambed/core";
import { createFileDiscoveryCache } from "../../src/cache/index.js";
import { loadConfigFile, writeConfigFile } from "../../src/config/index.js";
import { deadEndpoint, startLoopback } from "../../src/credentials/loopback-servers.test-helper.js";
import { ask, clientFor, drain, KEYS, TRANSPORTS } from "./harness.js";
import { startTcpCounter } from "./tcp-counter.js";

let emulator: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ credentials: [KEYS] });
  dir = await mkdtemp(join(tmpdir(), "streambed-faults-discovery-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

function memoryStore(): DiscoveryCacheStore & { entries: Map<string, DiscoveryCacheEntry> } {
  const entries = new Map<string, DiscoveryCacheEntry>();
  return { entries, get: async (k) => entries.get(k), set: async (k, v) => void entries.set(k, v) };
}

describe.each(TRANSPORTS)("discovery (%s)", (transport) => {
  it("control plane down, nothing cached: an empty list with the reason, never a throw", async () => {
    const dead = await deadEndpoint();
    const bedrock = clientFor(emulator, transport, { controlPlaneEndpoint: dead });
    const { models, discovery } = await bedrock.models.listing();
    expect(models).toEqual([]);
    expect(discovery.source).toBe("network");
    expect(discovery.reason).toMatch(/^Model discovery failed: Network error talking to http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED/);
    await bedrock.close();
  });

  it("control plane down after a good fetch: the stale list is served, with when and why", async () => {
    const front = await startTcpCounter(emulator.port);
    const store = memoryStore();
    const first = clientFor(emulator, transport, { controlPlaneEndpoint: front.url, discoveryCache: store });
    const fresh = await first.models.listing();
    expect(fresh.discovery.source).toBe("network");
    expect(fresh.models.length).toBeGreaterThan(5);
    await first.close();
    await front.close(); // the same endpoint now refuses connections
    const second = clientFor(emulator, transport, { controlPlaneEndpoint: front.url, discoveryCache: store });
    const stale = await second.models.listing({ refresh: true });
    expect(stale.discovery.source).toBe("stale");
    expect(stale.models.map((m) => m.id)).toEqual(fresh.models.map((m) => m.id));
    expect(stale.discovery.reason).toMatch(/^Model discovery failed: .*ECONNREFUSED.*\. Serving the list fetched at \d{4}-\d\d-\d\dT/);
    await second.close();
  });

  it("control plane answering 500 / 403: empty list with Bedrock's reason", async () => {
    for (const [status, type] of [[500, "InternalServerException"], [403, "AccessDeniedException"]] as const) {
      const plane = await startLoopback((_req, res) => void res.writeHead(status, { "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, "content-type": "application/json" }).end(JSON.stringify({ message: `control plane says ${status}` })));
      try {
        const bedrock = clientFor(emulator, transport, { controlPlaneEndpoint: plane.url });
        const { models, discovery } = await bedrock.models.listing();
        expect(models).toEqual([]);
        expect(discovery.reason).toContain(type);
        expect(discovery.reason).toContain(`control plane says ${status}`);
        await bedrock.close();
      } finally {
        await plane.close();
      }
    }
  });

  it("corrupt cache file: read as a miss, the list fetched again, the file replaced with a valid one", async () => {
    const cacheDir = await mkdtemp(join(dir, `cache-${transport}-`));
    const first = clientFor(emulator, transport, { discoveryCache: createFileDiscoveryCache({ dir: cacheDir }) });
    const fresh = await first.models.list();
    await first.close();
    const [file] = (await readdir(cacheDir)).filter((f) => f.startsWith("discovery-"));
    expect(file).toBeDefined();
    for (const garbage of ['{"version":1,"key":', "\u0000\u0001binary", '{"version":1,"key":"other","entry":{}}']) {
      await writeFile(join(cacheDir, file!), garbage);
      const second = clientFor(emulator, transport, { discoveryCache: createFileDiscoveryCache({ dir: cacheDir }) });
      const listing = await second.models.listing();
      expect(listing.discovery.source).toBe("network");
      expect(listing.discovery.reason).toBeUndefined();
      expect(listing.models.map((m) => m.id)).toEqual(fresh.map((m) => m.id));
      const rewritten = JSON.parse(await readFile(join(cacheDir, file!), "utf8")) as { version: number };
      expect(rewritten.version).toBe(1);
      await second.close();
    }
  });

  it("cache entry with wrong types (input: \"text\"): dropped, fetched again, typed models returned, the file rewritten valid", async () => {
    const cacheDir = await mkdtemp(join(dir, `cache-types-${transport}-`));
    const first = clientFor(emulator, transport, { discoveryCache: createFileDiscoveryCache({ dir: cacheDir }) });
    const fresh = await first.models.list();
    await first.close();
    const [file] = (await readdir(cacheDir)).filter((f) => f.startsWith("discovery-"));
    const data = JSON.parse(await readFile(join(cacheDir, file!), "utf8")) as { entry: { models: Array<Record<string, unknown>> } };
    data.entry.models[0]!.input = "text";
    await writeFile(join(cacheDir, file!), JSON.stringify(data));
    const second = clientFor(emulator, transport, { discoveryCache: createFileDiscoveryCache({ dir: cacheDir }) });
    const listing = await second.models.listing();
    await second.close();
    expect(listing.discovery.source).toBe("network");
    expect(listing.models.map((m) => m.id)).toEqual(fresh.map((m) => m.id));
    for (const m of listing.models) expect(Array.isArray(m.input), m.id).toBe(true);
    const rewritten = JSON.parse(await readFile(join(cacheDir, file!), "utf8")) as typeof data;
    expect(rewritten.entry.models[0]!.input).toEqual(fresh[0]!.input);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe.each(TRANSPORTS)("config (%s)", (transport) => {
  it("invalid config file: ConfigError naming the file and the key, the file untouched, nothing sent", async () => {
    const file = join(dir, `invalid-${transport}.json5`);
    const text = "// mine\n{ models: { bedrockDiscovery: { refreshInterval: 'soon' } } }\n";
    await writeFile(file, text);
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport, { config: file });
    const { error } = await drain(bedrock.stream(ask("amazon.nova-micro-v1:0")));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ file, path: "models.bedrockDiscovery.refreshInterval" });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain("models.bedrockDiscovery.refreshInterval");
    expect(await readFile(file, "utf8")).toBe(text);
    expect(emulator.requests.length).toBe(before);
    // models.list() reports it the same way (config is read before discovery).
    await expect(bedrock.models.list()).rejects.toBeInstanceOf(ConfigError);
    await bedrock.close();
  });

  it("config file with a JSON5 syntax error: ConfigError with file:line:column, the file untouched", async () => {
    const file = join(dir, `syntax-${transport}.json5`);
    const text = "{\n  models: {\n    bedrockDiscovery: { enabled: tru }\n  }\n}\n";
    await writeFile(file, text);
    const bedrock = clientFor(emulator, transport, { config: file });
    const { error } = await drain(bedrock.stream(ask("amazon.nova-micro-v1:0")));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${file}:3:`);
    expect(await readFile(file, "utf8")).toBe(text);
    await bedrock.close();
  });

  it("config set with an invalid value (writeConfigFile): ConfigError, the file untouched", async () => {
    const file = join(dir, `set-${transport}.json5`);
    await writeConfigFile(file, { models: { bedrockDiscovery: { enabled: true } } });
    const text = await readFile(file, "utf8");
    const error = await writeConfigFile(file, { models: { bedrockDiscovery: { refreshInterval: -5 } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ file });
    expect(await readFile(file, "utf8")).toBe(text);
  });
});

describe("concurrent config set", () => {
  it("20 concurrent writers: the result parses and equals one of them; no temp file is left", async () => {
    const folder = await mkdtemp(join(dir, "concurrent-"));
    const file = join(folder, "config.json5");
    const writes = Array.from({ length: 20 }, (_, i) => ({
      models: { bedrockDiscovery: { enabled: true, refreshInterval: 60 + i, providerFilter: Array.from({ length: 1 + (i % 5) }, (_, k) => `p${i}-${k}`) } },
      agents: { defaults: { model: { primary: `amazon-bedrock/writer-${i}.${"x".repeat(i * 50)}` } } },
    }));
    for (let round = 0; round < 3; round++) {
      await Promise.all(writes.map((w) => writeConfigFile(file, w)));
      const loaded = await loadConfigFile({ path: file });
      expect(loaded.exists).toBe(true);
      expect(writes).toContainEqual(loaded.raw);
      expect(JSON5.parse(await readFile(file, "utf8"))).toEqual(loaded.raw);
      expect((await readdir(folder)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    }
  });
});
