/**
 * The provider against the emulator, beyond the differential test: onResponse and onPayload,
 * refusals as `error` events, concurrent calls, the registry, streambed's retries, discovery.
 */
import { DEMO_CREDENTIALS, type ConverseRequestInfo, type Reply } from "@streambed/emulator";
import { getApiProvider, stream, unregisterApiProviders, resetApiProviders, type Context, type ProviderResponse } from "@mariozechner/pi-ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStreambedBedrock, discoverPiAiModels, registerStreambedBedrock, unregisterStreambedBedrock, type StreambedBedrockProvider } from "../src/index.js";
import { emulatorFor, useTestEnv } from "./harness.js";

const context: Context = { messages: [{ role: "user", content: "hello there", timestamp: 0 }] };
let throttledOnce = false;

function script(info: ConverseRequestInfo): Reply | undefined {
  if (info.lastUserText === "throttle once" && !throttledOnce) {
    throttledOnce = true;
    return { fault: "throttle" };
  }
  return undefined;
}

let restoreEnv: () => void;
let setup: Awaited<ReturnType<typeof emulatorFor>>;
let provider: StreambedBedrockProvider;

beforeAll(async () => {
  restoreEnv = useTestEnv();
  setup = await emulatorFor(script);
  provider = createStreambedBedrock({ bedrock: { config: false, discoveryCache: "memory", retry: { baseDelayMs: 1 } } });
});

afterAll(async () => {
  await provider?.close();
  await setup?.emulator.close();
  restoreEnv?.();
});

describe("createStreambedBedrock", () => {
  it("onResponse gets the ConverseStream response's status and headers before the body is read", async () => {
    const seen: ProviderResponse[] = [];
    const s = provider.stream(setup.model, context, { onResponse: (response) => void seen.push(response) });
    const result = await s.result();
    expect(result.stopReason).toBe("stop");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.status).toBe(200);
    expect(seen[0]!.headers["x-amzn-requestid"]).toMatch(/./);
  });

  it("concurrent calls on one client each get their own onResponse", async () => {
    const a: number[] = [];
    const b: number[] = [];
    const [ra, rb] = await Promise.all([
      provider.stream(setup.model, context, { onResponse: (r) => void a.push(r.status) }).result(),
      provider.stream(setup.model, context, { onResponse: (r) => void b.push(r.status) }).result(),
    ]);
    expect([ra.stopReason, rb.stopReason, a, b]).toEqual(["stop", "stop", [200], [200]]);
  });

  it("an onResponse that throws ends the call as an error event with its message", async () => {
    const result = await provider.stream(setup.model, context, { onResponse: () => { throw new Error("host says no"); } }).result();
    expect(result).toMatchObject({ stopReason: "error", errorMessage: "host says no" });
  });

  it("onPayload sees streambed's Converse body and pi-ai's model; what it returns is sent", async () => {
    const before = setup.emulator.requests.length;
    let modelSeen: unknown;
    const result = await provider
      .stream(setup.model, context, {
        onPayload: (payload, model) => {
          modelSeen = model;
          return { ...(payload as object), inferenceConfig: { maxTokens: 1 } };
        },
      })
      .result();
    expect(modelSeen).toBe(setup.model);
    expect(JSON.parse(setup.emulator.requests[before]!.body).inferenceConfig).toEqual({ maxTokens: 1 });
    expect(result.stopReason).toBe("length");
  });

  it("a refused option is an error event naming it, and nothing is sent", async () => {
    const before = setup.emulator.requests.length;
    const s = provider.stream(setup.model, context, { transport: "websocket" });
    const events = [];
    for await (const e of s) events.push(e.type);
    expect(events).toEqual(["error"]);
    expect((await s.result()).errorMessage).toMatch(/^pi-ai option `transport`: /);
    expect(setup.emulator.requests.length).toBe(before);
  });

  it("a 429 before the first event is retried by streambed (pi-ai's caller sees one answer)", async () => {
    const result = await provider.stream(setup.model, { messages: [{ role: "user", content: "throttle once", timestamp: 0 }] }).result();
    expect(throttledOnce).toBe(true);
    expect(result).toMatchObject({ stopReason: "stop", content: [{ type: "text", text: "throttle once" }] });
  });

  it("a bearerToken per call uses that Bedrock API key", async () => {
    const before = setup.emulator.requests.length;
    await provider.stream(setup.model, context, { bearerToken: "bedrock-api-key-test" }).result();
    expect(setup.emulator.requests[before]!.auth.scheme).toBe("bearer");
  });
});

describe("the registry", () => {
  it("registerStreambedBedrock routes pi-ai's stream(); unregisterApiProviders('streambed') alone leaves Bedrock with no provider (pi-ai holds one per API); unregisterStreambedBedrock puts pi-ai's back", async () => {
    registerStreambedBedrock({ bedrock: { config: false, discoveryCache: "memory" } });
    const before = setup.emulator.requests.length;
    expect((await stream(setup.model, context).result()).stopReason).toBe("stop");
    expect(setup.emulator.requests[before]!.headers["amz-sdk-invocation-id"]).toBeUndefined();
    unregisterApiProviders("streambed");
    expect(getApiProvider("bedrock-converse-stream")).toBeUndefined();
    await unregisterStreambedBedrock();
    expect(getApiProvider("bedrock-converse-stream")).toBeDefined();
    const after = setup.emulator.requests.length;
    expect((await stream(setup.model, context).result()).stopReason).toBe("stop");
    expect(setup.emulator.requests[after]!.headers["amz-sdk-invocation-id"]).toMatch(/./);
    resetApiProviders();
  });
});

describe("discoverPiAiModels", () => {
  it("lists the emulator's streaming text models as pi-ai models, with streambed's limits", async () => {
    const models = await discoverPiAiModels({ bedrock: { config: false, discoveryCache: "memory", endpoint: setup.emulator.url, controlPlaneEndpoint: setup.emulator.url, credentials: DEMO_CREDENTIALS } });
    const sonnet = models.find((m) => m.id === "us.anthropic.claude-sonnet-4-6");
    expect(sonnet).toMatchObject({ api: "bedrock-converse-stream", provider: "amazon-bedrock", baseUrl: setup.emulator.url, reasoning: true });
    expect(sonnet!.contextWindow).toBeGreaterThan(100_000);
    expect(sonnet!.maxTokens).toBeGreaterThan(1000);
    expect(models.every((m) => m.api === "bedrock-converse-stream" && m.input.includes("text"))).toBe(true);
    expect(models.some((m) => m.id.includes("titan-embed"))).toBe(false);
  });
});
