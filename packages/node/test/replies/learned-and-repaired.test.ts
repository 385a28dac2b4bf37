/**
 * Issue 16, items 11–12, on the wire: limits learned from Bedrock's ValidationException (recorded
 * texts, answered by the emulator) and the one automatic repair of a field streambed added — over
 * the loopback emulator (undici and fetch) and the emulator's MSW handlers (fetch).
 */
import { createBedrockHandlers, REFUSE_HEADER, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { ModelLimitExceededError, ValidationError, type DebugEntry, type Model, type StreamRequest } from "@streambed/core";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, drain, KEYS, TRANSPORTS } from "../faults/harness.js";

const SONNET_35 = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";
const HAIKU_3 = "us.anthropic.claude-3-haiku-20240307-v1:0";
const NOVA_MICRO = "us.amazon.nova-micro-v1:0";
const SONNET_46 = "us.anthropic.claude-sonnet-4-6";
const LIMITS = { "anthropic.claude-3-haiku-20240307-v1:0": { contextWindow: 40 }, "amazon.nova-micro-v1:0": { contextWindow: 40 } };
const LONG = "a prompt much longer than forty tokens, ".repeat(8);

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ credentials: [KEYS], modelLimits: LIMITS });
});
afterAll(async () => {
  await emulator?.close();
});

/** A model that asks the emulator to refuse `fields` (a model's headers are sent with every call). */
function refusing(id: string, fields: string): Model {
  return { id, name: id, reasoning: true, input: ["text"], cost: { input: 3, output: 15, cacheRead: 0, cacheWrite: 0 }, contextWindow: 200_000, maxTokens: 64_000, headers: { [REFUSE_HEADER]: fields } };
}

const toolTurn = (model: string | Model): StreamRequest => ({
  model,
  tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }],
  messages: [
    { role: "user", content: "weather in Paris?" },
    { role: "assistant", content: [{ type: "toolCall", id: "tooluse_1", name: "get_weather", arguments: { city: "Paris" } }] },
    { role: "toolResult", toolCallId: "tooluse_1", toolName: "get_weather", content: "the weather service is down", isError: true },
  ],
});

describe.each(TRANSPORTS)("limits learned from Bedrock (%s)", (transport) => {
  it("maxTokens above the model's limit: Bedrock's text, the limit recorded and shown by models.listing()", async () => {
    const debug: DebugEntry[] = [];
    const bedrock = clientFor(emulator, transport, { debug: (e) => debug.push(e) });
    const { error } = await drain(bedrock.stream({ model: SONNET_35, messages: [{ role: "user", content: "hi" }], maxTokens: 7168 }));
    expect(error).toBeInstanceOf(ModelLimitExceededError);
    const e = error as ModelLimitExceededError;
    expect(e.serviceMessage).toBe("The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.");
    expect(e.limit).toEqual({ kind: "output", maximum: 4096 });
    expect(e.learned).toMatchObject({ modelId: SONNET_35, field: "maxTokens", tokens: 4096 });
    expect(e.learned!.source).toMatch(/^Bedrock ValidationException \(request [0-9a-f-]+\)$/);
    expect(e.message).toContain(`streambed learned that ${SONNET_35} takes at most 4096 output tokens`);
    expect(debug.some((d) => d.event === "learned")).toBe(true);
    const listed = (await bedrock.models.list({ includeLegacy: true })).find((m) => m.id === SONNET_35);
    expect(listed).toMatchObject({ maxTokens: 4096, learned: { maxTokens: { tokens: 4096 } } });
    await bedrock.close();
  });

  it("a prompt over the context window: Claude's 'prompt is too long' is learned, 'Input is too long' (no number) is not", async () => {
    const bedrock = clientFor(emulator, transport);
    const claude = await bedrock.complete({ model: HAIKU_3, messages: [{ role: "user", content: LONG }] }).catch((x: unknown) => x);
    expect(claude).toBeInstanceOf(ModelLimitExceededError);
    expect((claude as ModelLimitExceededError).serviceMessage).toMatch(/^The model returned the following errors: prompt is too long: \d+ tokens > 40 maximum$/);
    expect((claude as ModelLimitExceededError).learned).toMatchObject({ field: "contextWindow", tokens: 40 });
    const nova = await bedrock.complete({ model: NOVA_MICRO, messages: [{ role: "user", content: LONG }] }).catch((x: unknown) => x);
    expect(nova).toBeInstanceOf(ModelLimitExceededError);
    expect((nova as ModelLimitExceededError).serviceMessage).toBe("Input is too long for requested model.");
    expect((nova as ModelLimitExceededError).learned).toBeUndefined();
    expect((nova as Error).message).toContain("does not fit the model's context window");
    await bedrock.close();
  });
});

describe.each(TRANSPORTS)("one automatic repair (%s)", (transport) => {
  it("thinking.display refused: retried once without it, left out from then on, said in the debug log", async () => {
    const debug: DebugEntry[] = [];
    const bedrock = clientFor(emulator, transport, { debug: (e) => debug.push(e) });
    const model = refusing(SONNET_46, "thinking.display");
    const before = emulator.requests.length;
    const { events, error } = await drain(bedrock.stream({ model, messages: [{ role: "user", content: "think about it" }], reasoning: "high" }));
    expect(error).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: "done" });
    const sent = emulator.requests.slice(before).map((r) => JSON.parse(r.body) as { additionalModelRequestFields?: { thinking?: Record<string, unknown> } });
    expect(sent.map((b) => b.additionalModelRequestFields?.thinking)).toEqual([{ type: "adaptive", display: "summarized" }, { type: "adaptive" }]);
    expect(debug.find((d) => d.event === "repair")?.message).toMatch(/Bedrock refused thinking\.display \(#\/thinking\), a field streambed added itself: retrying once without it/);
    const again = emulator.requests.length;
    expect((await drain(bedrock.stream({ model, messages: [{ role: "user", content: "again" }], reasoning: "high" }))).error).toBeUndefined();
    expect(emulator.requests.length - again).toBe(1);
    await bedrock.close();
  });

  it("never drops what the caller wrote: their own thinking.display is refused as a ValidationError, sent once", async () => {
    const bedrock = clientFor(emulator, transport);
    const before = emulator.requests.length;
    const request: StreamRequest = { model: refusing(SONNET_46, "thinking.display"), messages: [{ role: "user", content: "hi" }], additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" } } };
    const { error } = await drain(bedrock.stream(request));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).serviceMessage).toContain("#/thinking: extraneous key [display] is not permitted");
    expect(emulator.requests.length - before).toBe(1);
    await bedrock.close();
  });

  it("a tool result's status refused: the error is said in text instead, the result kept", async () => {
    const bedrock = clientFor(emulator, transport);
    const before = emulator.requests.length;
    const { error } = await drain(bedrock.stream(toolTurn(refusing(SONNET_46, "toolResult.status"))));
    expect(error).toBeUndefined();
    const last = JSON.parse(emulator.requests.at(-1)!.body) as { messages: Array<{ content: Array<{ toolResult?: unknown }> }> };
    expect(emulator.requests.length - before).toBe(2);
    expect(last.messages[2]!.content[0]!.toolResult).toEqual({ toolUseId: "tooluse_1", content: [{ text: "The tool reported an error:" }, { text: "the weather service is down" }] });
    await bedrock.close();
  });

  it("cache points streambed placed (cache: 'short') refused: sent again without them", async () => {
    const bedrock = clientFor(emulator, transport);
    const before = emulator.requests.length;
    const { error } = await drain(bedrock.stream({ model: refusing(SONNET_46, "cachePoint"), system: "be brief", messages: [{ role: "user", content: "hi" }], cache: "short", forceCache: undefined }));
    expect(error).toBeUndefined();
    const bodies = emulator.requests.slice(before).map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain("cachePoint");
    expect(bodies[1]).not.toContain("cachePoint");
    await bedrock.close();
  });
});

describe("over MSW (the emulator's handlers, fetch)", () => {
  const server = setupServer(...createBedrockHandlers({ credentials: [KEYS], modelLimits: LIMITS }));
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  // Loopback: MSW answers before any socket opens; a miss would hit a closed local port.
  const endpoint = { url: "http://127.0.0.1:9" };

  it("learns a limit and repairs a refused field", async () => {
    const bedrock = clientFor(endpoint, "fetch");
    const limit = await bedrock.complete({ model: SONNET_35, messages: [{ role: "user", content: "hi" }], maxTokens: 5000 }).catch((x: unknown) => x);
    expect(limit).toMatchObject({ name: "ModelLimitExceededError", learned: { field: "maxTokens", tokens: 4096 } });
    const { events, error } = await drain(bedrock.stream({ model: refusing(SONNET_46, "thinking.display"), messages: [{ role: "user", content: "think" }], reasoning: "low" }));
    expect(error).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: "done" });
    await bedrock.close();
  });
});
