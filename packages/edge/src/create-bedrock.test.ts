import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { ConfigError, CredentialsNotFoundError, InvalidRequestError, knownModelLimits, modelDiscovery, parseConfig, type DebugEntry, type StreamEvent } from "@streambed/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrock } from "./create-bedrock.js";

const MODEL = "us.anthropic.claude-sonnet-4-6";
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS], bearerTokens: ["edge-unit-test-token"], script: () => ({ text: "edge says hi" }) });
});
afterAll(async () => {
  await emulator?.close();
});

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}
const text = (events: StreamEvent[]): string => events.map((e) => (e.type === "text_delta" ? e.delta : "")).join("");
const hi = { model: MODEL, messages: [{ role: "user" as const, content: "hi" }] };

describe("edge createBedrock", () => {
  it("streams with keys, region and endpoint from a Worker-style env (non-string bindings ignored)", async () => {
    const env = {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
      MY_KV: { get: async () => null },
    };
    const bedrock = createBedrock({ env });
    const events = await collect(bedrock.stream(hi));
    expect(text(events)).toBe("edge says hi");
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "stop" });
    expect(emulator.requests.at(-1)?.auth).toMatchObject({ scheme: "sigv4", verified: true });
    await expect(bedrock.credentials.describe()).resolves.toMatchObject({ source: "env: AWS_ACCESS_KEY_ID", kind: "sigv4" });
    await expect(bedrock.settings()).resolves.toMatchObject({ region: "us-east-1", runtimeEndpoint: emulator.url });
  });

  it("uses a bearer token from the bindings", async () => {
    const bedrock = createBedrock({ env: { AWS_BEARER_TOKEN_BEDROCK: "edge-unit-test-token", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url } });
    expect(text(await collect(bedrock.stream(hi)))).toBe("edge says hi");
    expect(emulator.requests.at(-1)?.auth).toEqual({ scheme: "bearer", verified: true });
  });

  it("explicit credentials beat the bindings; the given fetch carries the request", async () => {
    const seen: string[] = [];
    const bedrock = createBedrock({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: DEMO_CREDENTIALS,
      env: { AWS_BEARER_TOKEN_BEDROCK: "a-token-the-emulator-would-reject" },
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect(text(await collect(bedrock.stream(hi)))).toBe("edge says hi");
    expect(seen).toEqual([`${emulator.url}/model/${encodeURIComponent(MODEL)}/converse-stream`]);
    await expect(bedrock.credentials.describe()).resolves.toMatchObject({ source: "explicit" });
  });

  it("without credentials, fails with CredentialsNotFoundError naming what it tried (no network call)", async () => {
    const before = emulator.requests.length;
    const bedrock = createBedrock({ endpoint: emulator.url, env: {} });
    const error = await collect(bedrock.stream(hi)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect((error as CredentialsNotFoundError).tried).toEqual(["env: AWS_BEARER_TOKEN_BEDROCK — not set", "env: AWS_ACCESS_KEY_ID — not set"]);
    expect(emulator.requests.length).toBe(before);
    // The advice names only what an edge runtime can use: bindings, the config object, the option.
    const advice = (error as Error).message.split("\n").at(-1)!;
    expect(advice).toBe(
      'Bind a Bedrock API key as AWS_BEARER_TOKEN_BEDROCK (or put it in the config object\'s models.providers["amazon-bedrock"].apiKey), or bind AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), or pass credentials to createBedrock().',
    );
    expect((error as Error).message).not.toMatch(/AWS_PROFILE|profile|SSO|instance|\.\./);
  });

  it("a refused config apiKey is named as the config's key (no file on the edge), not AWS_BEARER_TOKEN_BEDROCK, with no IAM advice", async () => {
    const config = { models: { providers: { "amazon-bedrock": { baseUrl: emulator.url, apiKey: "ABSKZWRnZS1yZWZ1c2VkLWtleS0wMTIzNDU2Nzg5" } } } };
    const error = await collect(createBedrock({ config: parseConfig(config), env: {} }).stream(hi)).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AccessDeniedError");
    expect((error as Error).message).toContain('The Bedrock API key in models.providers["amazon-bedrock"].apiKey of the config was refused');
    expect((error as Error).message).not.toMatch(/AWS_BEARER_TOKEN_BEDROCK|\bIAM\b|\.\./);
  });

  it('a config object with auth "api-key": the bindings\' bearer token first, else the config\'s apiKey (Authorization: Bearer)', async () => {
    const config = { models: { providers: { "amazon-bedrock": { baseUrl: emulator.url, auth: "api-key", apiKey: "edge-unit-test-token" } } } };
    const bedrock = createBedrock({ config: parseConfig(config), env: { AWS_ACCESS_KEY_ID: "AKIAEDGEWRONGKEY0000", AWS_SECRET_ACCESS_KEY: "edge/wrong/secret/0123456789" } });
    await expect(bedrock.credentials.describe()).resolves.toEqual({ source: 'config: models.providers["amazon-bedrock"].apiKey', kind: "bearer" });
    expect(text(await collect(bedrock.stream(hi)))).toBe("edge says hi");
    expect(emulator.requests.at(-1)?.auth).toEqual({ scheme: "bearer", verified: true });
    const bound = createBedrock({ config: parseConfig({ ...config, models: { providers: { "amazon-bedrock": { ...config.models.providers["amazon-bedrock"], apiKey: "refused" } } } }), env: { AWS_BEARER_TOKEN_BEDROCK: "edge-unit-test-token" } });
    await expect(bound.credentials.describe()).resolves.toMatchObject({ source: "env: AWS_BEARER_TOKEN_BEDROCK" });
    const empty = createBedrock({ config: parseConfig({ models: { providers: { "amazon-bedrock": { baseUrl: emulator.url, auth: "token", apiKey: "" } } } }) });
    const before = emulator.requests.length;
    const error = await collect(empty.stream(hi)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ path: 'models.providers["amazon-bedrock"].apiKey' });
    expect(emulator.requests.length).toBe(before);
  });

  it("a config object's ${NAME} references are filled from the bindings by parseConfig (a Worker secret as the API key)", async () => {
    const config = { models: { providers: { "amazon-bedrock": { baseUrl: "${EMU}", auth: "api-key", apiKey: "${BEDROCK_KEY}" } } } };
    const env = { EMU: emulator.url, BEDROCK_KEY: "edge-unit-test-token" };
    const bedrock = createBedrock({ config: parseConfig(config, { env }), env });
    expect(text(await collect(bedrock.stream(hi)))).toBe("edge says hi");
    expect(emulator.requests.at(-1)?.auth).toEqual({ scheme: "bearer", verified: true });
    expect(config.models.providers["amazon-bedrock"].apiKey).toBe("${BEDROCK_KEY}"); // the caller's object is not modified
  });

  it("rejects Node-only options with a ConfigError naming the option", () => {
    expect(() => createBedrock({ config: "~/.streambed/config.json5" } as never)).toThrow(ConfigError);
    expect(() => createBedrock({ config: "x.json5" } as never)).toThrow(/edge runtimes have no file system/);
    expect(() => createBedrock({ discoveryCache: "disk" } as never)).toThrow(expect.objectContaining({ path: "discoveryCache" }));
    expect(() => createBedrock({ profile: "dev" } as never)).toThrow(expect.objectContaining({ path: "profile" }));
  });

  it("takes only a config parseConfig() returned, saying so (the parser is a separate import, left out of bundles that do not use it)", () => {
    expect(() => parseConfig({ models: { providers: 5 } })).toThrow(ConfigError);
    const raw = { models: { providers: {} } };
    expect(() => createBedrock({ config: raw as never })).toThrow(expect.objectContaining({ name: "ConfigError", path: "config" }));
    expect(() => createBedrock({ config: raw as never })).toThrow(/parseConfig\(yourConfig, \{ env \}\)/);
    const parsed = parseConfig(raw);
    expect(() => createBedrock({ config: { ...parsed } })).toThrow(/must be the object parseConfig\(\) returned/); // a copy is not checked
    expect(() => createBedrock({ config: parsed })).not.toThrow();
    expect(() => createBedrock({ config: false })).not.toThrow();
  });

  it("with modelDiscovery(): lists discovered models through the control plane, cached in memory", async () => {
    const bedrock = createBedrock({
      region: "us-east-1",
      credentials: DEMO_CREDENTIALS,
      endpoint: emulator.url,
      controlPlaneEndpoint: emulator.url,
      discovery: modelDiscovery(),
    });
    const first = await bedrock.models.listing();
    expect(first.discovery.source).toBe("network");
    expect(first.models.length).toBeGreaterThan(3);
    const calls = emulator.requests.length;
    const second = await bedrock.models.listing();
    expect(second.models.map((m) => m.id)).toEqual(first.models.map((m) => m.id));
    expect(emulator.requests.length).toBe(calls);
  });

  it("without discovery: models.list() gives the configured models and sends nothing, saying how to add discovery", async () => {
    const config = parseConfig({ models: { providers: { "amazon-bedrock": { models: [{ id: MODEL, name: "Sonnet" }] } } } });
    const bedrock = createBedrock({ region: "us-east-1", credentials: DEMO_CREDENTIALS, endpoint: emulator.url, controlPlaneEndpoint: emulator.url, config });
    const calls = emulator.requests.length;
    const listing = await bedrock.models.listing();
    expect(listing.models.map((m) => [m.id, m.source])).toEqual([[MODEL, "configured"]]);
    expect(listing.discovery).toMatchObject({ source: "disabled", reason: expect.stringContaining("modelDiscovery()") });
    expect(emulator.requests.length).toBe(calls);
  });

  it("without the known-model table: nothing assumed about the model, Bedrock decides (reasoning and image sent, no maxTokens, cost 0)", async () => {
    const image = { type: "image" as const, data: "iVBORw0KGgo=", mimeType: "image/png" };
    const request = { model: MODEL, reasoning: "high" as const, messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }, image] }] };
    const bedrock = createBedrock({ region: "us-east-1", endpoint: emulator.url, credentials: DEMO_CREDENTIALS });
    const events = await collect(bedrock.stream(request));
    expect(text(events)).toBe("edge says hi");
    const body = JSON.parse(emulator.requests.at(-1)!.body) as { additionalModelRequestFields?: unknown; inferenceConfig?: { maxTokens?: number }; messages: Array<{ content: unknown[] }> };
    expect(body.additionalModelRequestFields).toMatchObject({ thinking: { type: "adaptive" } });
    expect(body.messages[0]!.content[1]).toMatchObject({ image: { format: "png" } });
    expect(body.inferenceConfig?.maxTokens).toBeUndefined();
    const done = events.at(-1)!;
    expect(done.type === "done" && done.message.usage?.cost?.total).toBe(0);
    // With the table (as the Node client): the same call is priced, and a text-only model's image is refused before sending.
    const known = createBedrock({ region: "us-east-1", endpoint: emulator.url, credentials: DEMO_CREDENTIALS, knownModels: knownModelLimits });
    const priced = (await collect(known.stream(request))).at(-1)!;
    expect(priced.type === "done" && priced.message.usage?.cost?.total).toBeGreaterThan(0);
    const calls = emulator.requests.length;
    await expect(collect(known.stream({ ...request, model: "amazon.nova-micro-v1:0" }))).rejects.toBeInstanceOf(InvalidRequestError);
    expect(emulator.requests.length).toBe(calls);
  });

  it("debug entries carry the credential source but never a secret", async () => {
    const entries: DebugEntry[] = [];
    const bedrock = createBedrock({ endpoint: emulator.url, credentials: DEMO_CREDENTIALS, debug: (e) => entries.push(e) });
    await collect(bedrock.stream(hi));
    const logged = JSON.stringify(entries);
    expect(entries.map((e) => e.event)).toEqual(["request", "response"]);
    expect(logged).toContain('"credentialSource":"explicit"');
    expect(logged).not.toContain(DEMO_CREDENTIALS.secretAccessKey);
  });
});
