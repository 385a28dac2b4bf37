import { describe, expect, it } from "vitest";
import { AbortError, encodeUtf8 } from "@streambed/transport";
import { createCredentialChain } from "../credentials/index.js";
import { configReader } from "../config/config-reader.js";
import { parseConfig } from "../config/parse-config.js";
import { createClient } from "./create-client.js";
import { modelDiscovery } from "./discover-models.js";
import { MODEL, chunks, ok, scriptedTransport, client } from "./create-client.test-helper.js";

describe("createClient().complete", () => {
  it("calls /converse and returns the final message", async () => {
    const t = scriptedTransport([
      () => ({
        status: 200,
        headers: { "x-amzn-requestid": "r" },
        body: chunks([
          encodeUtf8(
            JSON.stringify({
              output: { message: { role: "assistant", content: [{ text: "done!" }] } },
              stopReason: "end_turn",
              usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
              metrics: { latencyMs: 5 },
            }),
          ),
        ]),
      }),
    ]);
    const message = await client(t).complete({ model: MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(t.requests[0]!.url).toMatch(/\/converse$/);
    expect(message.content).toEqual([{ type: "text", text: "done!" }]);
    expect(message.stopReason).toBe("stop");
  });
});

describe("createClient().models.listing", () => {
  it("a credential source that never answers: looking for credentials ends at timeouts.firstByteMs, the source is told to stop, the reason says so", async () => {
    // Found by the chaos run (scripts/chaos.ts): a sleeping credential_process or a silent STS held
    // models.listing() for as long as the source slept (for ever), and the process was never killed.
    const t = scriptedTransport([() => ok([])]);
    let sourceSignal: AbortSignal | undefined;
    const credentials = createCredentialChain([
      { label: "profile: sleepy", load: (o) => ((sourceSignal = o?.signal), new Promise<never>(() => undefined)) },
    ]);
    const listing = await client(t, { credentials, timeouts: { firstByteMs: 50 } }).models.listing({ refresh: true });
    expect(listing.models).toEqual([]);
    expect(listing.discovery.reason).toMatch(/^Model discovery failed: first-byte timeout: getting credentials from profile: sleepy took longer than 50 ms \(timeouts\.firstByteMs\)/);
    expect(sourceSignal?.aborted).toBe(true);
    expect(t.requests).toHaveLength(0);
  });

  it("a control plane that sends its headers and part of the body, then nothing: the idle limit ends the listing, the request is aborted", async () => {
    // Found by the chaos run (scripts/chaos.ts): the control-plane body was read with no limit, so
    // a reply that stopped half-way held models.listing() until the transport's own 5-minute limit.
    const aborted: string[] = [];
    const t = scriptedTransport([
      (req) => ({
        status: 200,
        headers: { "content-type": "application/json" },
        body: (async function* () {
          yield encodeUtf8('{"modelSummaries": [');
          await new Promise((_resolve, reject) => req.signal!.addEventListener("abort", () => (aborted.push(req.url), reject(new AbortError()))));
        })(),
      }),
    ]);
    const listing = await client(t, { timeouts: { idleMs: 50 } }).models.listing({ refresh: true });
    expect(listing.models).toEqual([]);
    expect(listing.discovery.reason).toMatch(/^Model discovery failed: .*idle/);
    expect(aborted.length).toBeGreaterThan(0);
  });

  it("without modelDiscovery(): the configured models only, discovery 'disabled' saying how to add it, no request sent", async () => {
    const t = scriptedTransport([() => ok([])]);
    const config = { models: { providers: { "amazon-bedrock": { models: [{ id: "us.amazon.nova-pro-v1:0", name: "Nova Pro" }] } } } };
    const listing = await client(t, { discovery: undefined, config: parseConfig(config) }).models.listing({ refresh: true });
    expect(listing.models.map((m) => [m.id, m.source])).toEqual([["us.amazon.nova-pro-v1:0", "configured"]]);
    expect(listing.discovery).toEqual({ models: [], source: "disabled", reason: expect.stringMatching(/pass discovery: modelDiscovery\(\) to createBedrock\(\)/) });
    expect(t.requests).toHaveLength(0);
  });

  it("a config not from parseConfig() and no configReader: a ConfigError naming config, at the first use", async () => {
    const t = scriptedTransport([() => ok([])]);
    const raw = { models: { providers: { "amazon-bedrock": { models: [{ id: "us.amazon.nova-pro-v1:0" }] } } } };
    await expect(client(t, { discovery: undefined, config: raw as never }).models.listing()).rejects.toMatchObject({ name: "ConfigError", path: "config" });
    const read = await client(t, { discovery: undefined, config: async () => raw as never, configReader }).models.listing();
    expect(read.models.map((m) => m.id)).toEqual(["us.amazon.nova-pro-v1:0"]);
    expect(t.requests).toHaveLength(0);
  });

  it("no credentials at all: still 'none found', at once", async () => {
    const t = scriptedTransport([() => ok([])]);
    const credentials = createCredentialChain([{ label: "env: AWS_ACCESS_KEY_ID", load: async () => undefined }]);
    const listing = await client(t, { credentials, timeouts: { firstByteMs: 60_000 } }).models.listing({ refresh: true });
    expect(listing.discovery).toMatchObject({ source: "disabled" });
    expect(listing.discovery.reason).toMatch(/no AWS credentials were found/);
  });
});

describe("createClient({ discovery })", () => {
  it("refuses a discovery value modelDiscovery() did not make, naming the option", () => {
    const t = scriptedTransport([]);
    expect(() => client(t, { discovery: { kind: "model-discovery" } as never })).toThrow(expect.objectContaining({ name: "ConfigError", path: "discovery" }));
    expect(() => client(t, { discovery: true as never })).toThrow(/discovery must be what modelDiscovery\(\) returns, got boolean/);
  });
});
