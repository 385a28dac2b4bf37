/**
 * The 2025–2026 Converse features end to end (issue 16, items 1–7), over both ways tests reach
 * the emulator: in-process through MSW (the fetch transport, Bedrock's real hostname) and on
 * loopback (undici, the emulator's HTTP server). Each feature: the request field as sent, and what
 * the reply carries, normalised.
 */
import { createBedrockHandlers, startEmulator, type EmulatorOptions, type RecordedRequest, type RunningEmulator } from "@streambed/emulator";
import { InvalidRequestError, StructuredOutputError, ValidationError, type StreamEvent, type StreamRequest } from "@streambed/core";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrock } from "./create-bedrock.js";

const KEYS = { accessKeyId: "AKIAFEATURESTEST0001", secretAccessKey: "features/test/secret/0123456789abcdefghij" };
const SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const HAIKU_3 = "anthropic.claude-3-haiku-20240307-v1:0";
const NOVA = "amazon.nova-pro-v1:0";
const trip = {
  type: "json" as const,
  name: "trip",
  schema: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city", "days"], additionalProperties: false },
};

interface Setup {
  bedrock: () => ReturnType<typeof createBedrock>;
  bodies: () => Array<Record<string, any>>;
  close: () => Promise<void>;
}

const recorded: RecordedRequest[] = [];
const emulatorOptions: EmulatorOptions = {
  onRequest: (r) => recorded.push(r),
  script: (info) => {
    if (info.lastUserText === "broken json") return { text: '{"city": "Lis' };
    if (info.lastUserText === "wrong json") return { text: '{"city": 3, "days": 0}' };
    return undefined;
  },
};
const common = { region: "us-east-1", credentials: KEYS, config: false as const, discoveryCache: "memory" as const, retry: false as const, env: { AWS_EC2_METADATA_DISABLED: "true" } };

async function mswSetup(): Promise<Setup> {
  const server = setupServer(...createBedrockHandlers(emulatorOptions));
  server.listen({ onUnhandledRequest: "error" });
  return {
    bedrock: () => createBedrock({ ...common, fetch: globalThis.fetch }),
    bodies: () => recorded.map((r) => JSON.parse(r.body)),
    close: async () => server.close(),
  };
}

async function loopbackSetup(): Promise<Setup> {
  const emulator: RunningEmulator = await startEmulator(emulatorOptions);
  return {
    bedrock: () => createBedrock({ ...common, endpoint: emulator.url }),
    bodies: () => recorded.map((r) => JSON.parse(r.body)),
    close: () => emulator.close(),
  };
}

async function events(bedrock: ReturnType<typeof createBedrock>, request: StreamRequest): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of bedrock.stream(request)) out.push(e);
  return out;
}
const done = (list: StreamEvent[]) => list.at(-1) as Extract<StreamEvent, { type: "done" }>;
const ask = (text: string, model = SONNET): StreamRequest => ({ model, messages: [{ role: "user", content: text }] });

describe.each([
  ["MSW (fetch)", mswSetup],
  ["loopback (undici)", loopbackSetup],
])("Converse features over %s", (_name, makeSetup) => {
  let setup: Setup;
  let bedrock: ReturnType<typeof createBedrock>;
  beforeAll(async () => {
    setup = await makeSetup();
    bedrock = setup.bedrock();
  });
  afterAll(async () => {
    await bedrock.close();
    await setup.close();
  });
  const lastBody = () => setup.bodies().at(-1)!;

  it("onPayload and extraBody: applied last, what they return is what is sent", async () => {
    const seen: string[] = [];
    const list = await events(bedrock, {
      ...ask("hi"),
      extraBody: { serviceTier: { type: "priority" } },
      onPayload: (body, model) => {
        seen.push(model.id, Object.keys(body).join(","));
        return { ...body, requestMetadata: { tenant: "t-1" } };
      },
    });
    expect(seen[0]).toBe(SONNET);
    expect(seen[1]).toContain("serviceTier");
    expect(lastBody()).toMatchObject({ serviceTier: { type: "priority" }, requestMetadata: { tenant: "t-1" } });
    expect(done(list).message.serviceTier).toBe("priority");
  });

  it("responseFormat: outputConfig.textFormat sent, the answer parsed on done and on complete()", async () => {
    const list = await events(bedrock, { ...ask("Plan a trip to Lisbon"), responseFormat: trip });
    expect(lastBody().outputConfig).toEqual({ textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(trip.schema), name: "trip" } } } });
    expect(done(list).message.parsed).toEqual({ city: "Lisbon", days: 1 });
    expect((await bedrock.complete({ ...ask("Plan a trip to Oslo"), responseFormat: trip })).parsed).toEqual({ city: "Oslo", days: 1 });
  });

  it("responseFormat: JSON cut short or breaking the schema is a StructuredOutputError with the raw text", async () => {
    const cut = await events(bedrock, { ...ask("broken json"), responseFormat: trip }).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(StructuredOutputError);
    expect((cut as StructuredOutputError).raw).toBe('{"city": "Lis');
    const wrong = await bedrock.complete({ ...ask("wrong json"), responseFormat: trip }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(StructuredOutputError);
    expect((wrong as StructuredOutputError).issues.join(" ")).toContain("#/city");
  });

  it("responseFormat on a model that does not take it: refused before sending", async () => {
    const before = setup.bodies().length;
    await expect(events(bedrock, { ...ask("x", HAIKU_3), responseFormat: trip })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(setup.bodies().length).toBe(before);
  });

  it("serviceTier: sent as { type }, the tier used on the final message (stream and complete)", async () => {
    expect(done(await events(bedrock, { ...ask("hi"), serviceTier: "flex" })).message.serviceTier).toBe("flex");
    expect(lastBody().serviceTier).toEqual({ type: "flex" });
    expect((await bedrock.complete({ ...ask("hi"), serviceTier: "priority", performanceConfig: { latency: "optimized" } })).serviceTier).toBe("priority");
  });

  it("cache points where the caller puts them, with ttl 1h: 1-hour writes counted and priced apart", async () => {
    const request: StreamRequest = {
      model: SONNET,
      system: ["You answer in one word.", { type: "cachePoint", ttl: "1h" }],
      messages: [{ role: "user", content: [{ type: "text", text: "a question asked once an hour" }] }],
    };
    const usage = done(await events(bedrock, request)).message.usage!;
    expect(lastBody().system).toEqual([{ text: "You answer in one word." }, { cachePoint: { type: "default", ttl: "1h" } }]);
    if (usage.known === false) throw new Error("usage unknown");
    expect(usage.cacheWriteByTtl).toEqual({ "5m": 0, "1h": usage.cacheWrite });
    expect(usage.cacheWrite).toBeGreaterThan(0);
  });

  it("cache points Nova would reject are refused before sending", async () => {
    const tools = [{ name: "t", parameters: { type: "object" } }, { type: "cachePoint" as const }];
    await expect(events(bedrock, { ...ask("x", NOVA), tools })).rejects.toMatchObject({ name: "InvalidRequestError", path: "toolConfig.tools[1]" });
  });

  it("anthropicBeta: sent as additionalModelRequestFields.anthropic_beta", async () => {
    await events(bedrock, { ...ask("hi"), anthropicBeta: ["context-1m-2025-08-07"] });
    expect(lastBody().additionalModelRequestFields).toEqual({ anthropic_beta: ["context-1m-2025-08-07"] });
  });

  it("documents with citations: citation events, kept on the final message; streamRaw passes the raw delta", async () => {
    const request: StreamRequest = {
      model: SONNET,
      messages: [
        {
          role: "user",
          content: [
            { type: "document", name: "notes.txt", format: "txt", data: new TextEncoder().encode("Rivers flow to the sea. Lakes do not."), citations: true },
            { type: "text", text: "Where do rivers flow?" },
          ],
        },
      ],
    };
    const list = await events(bedrock, request);
    expect(lastBody().messages[0].content[0].document.citations).toEqual({ enabled: true });
    const citation = list.find((e) => e.type === "citation");
    expect(citation).toMatchObject({ contentIndex: 0, citation: { title: "notes-txt", sourceText: "Rivers flow to the sea.", location: { type: "documentChar", documentIndex: 0, start: 0, end: 23 } } });
    expect(done(list).message.content[0]).toMatchObject({ type: "text", citations: [{ sourceText: "Rivers flow to the sea." }] });
    const raw: Array<Record<string, any>> = [];
    for await (const e of bedrock.streamRaw(request)) raw.push(e);
    expect(raw.some((e) => e.contentBlockDelta?.delta?.citation?.sourceContent?.[0]?.text === "Rivers flow to the sea.")).toBe(true);
  });

  it("S3 sources and video: sent as Bedrock's s3Location; Bedrock's own checks answer through the emulator", async () => {
    await events(bedrock, {
      model: NOVA,
      messages: [{ role: "user", content: [{ type: "video", format: "mp4", s3: { uri: "s3://clips-1/a.mp4", bucketOwner: "123456789012" } }, { type: "text", text: "What happens?" }] }],
    });
    expect(lastBody().messages[0].content[0]).toEqual({ video: { format: "mp4", source: { s3Location: { uri: "s3://clips-1/a.mp4", bucketOwner: "123456789012" } } } });
    const viaHook = await events(bedrock, {
      ...ask("x", NOVA),
      onPayload: (body) => ({ ...body, serviceTier: { type: "cheap" } }),
    }).catch((e: unknown) => e);
    expect(viaHook).toBeInstanceOf(ValidationError);
  });

  it("Prompt management: a prompt ARN as the model, promptVariables filled; what the prompt defines refused early", async () => {
    const prompt = "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT1234:1";
    const answer = await bedrock.complete({ model: prompt, messages: [], promptVariables: { topic: "rivers" } });
    expect(lastBody()).toEqual({ messages: [], promptVariables: { topic: { text: "rivers" } } });
    expect(answer.content).toEqual([{ type: "text", text: "Tell me about rivers in one sentence." }]);
    await expect(bedrock.complete({ model: prompt, messages: [], system: "x" })).rejects.toMatchObject({ name: "InvalidRequestError", path: "system" });
  });

  it("countTokens: the same request shape, counted for the foundation model", async () => {
    const before = recorded.length;
    const { inputTokens } = await bedrock.countTokens({ ...ask("Hello there, how many tokens is this?"), maxTokens: 10, serviceTier: "flex" });
    expect(inputTokens).toBe(10);
    const call = recorded.at(-1)!;
    expect(recorded.length).toBe(before + 1);
    expect(call.operation).toBe("count-tokens");
    expect(call.modelId).toBe("anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(JSON.parse(call.body)).toEqual({ input: { converse: { messages: [{ role: "user", content: [{ text: "Hello there, how many tokens is this?" }] }] } } });
    await expect(bedrock.countTokens(ask("x", NOVA))).rejects.toBeInstanceOf(ValidationError);
  });
});
