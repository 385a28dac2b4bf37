/** The 2025–2026 Converse fields: how the emulator validates them and what it answers (MSW, fetch). */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converseBody, readFrames, textOf } from "../test/helpers.js";
import { createBedrockHandlers } from "./handlers.js";

const RUNTIME = "https://bedrock-runtime.us-east-1.amazonaws.com";
const SONNET_45 = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const HAIKU_3 = "anthropic.claude-3-haiku-20240307-v1:0";
const NOVA = "amazon.nova-pro-v1:0";

const server = setupServer(...createBedrockHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

function post(model: string, action: string, body: unknown, region = "us-east-1") {
  return fetch(`${RUNTIME.replace("us-east-1", region)}/model/${encodeURIComponent(model)}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function error(response: Response): Promise<{ status: number; type: string | null; message: string }> {
  const json = (await response.json()) as { message: string };
  return { status: response.status, type: response.headers.get("x-amzn-errortype")?.split(":")[0] ?? null, message: json.message };
}

const schema = { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city", "days"], additionalProperties: false };
const outputConfig = { textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(schema), name: "trip" } } } };

describe("structured output (outputConfig.textFormat)", () => {
  it("answers JSON matching the schema, streaming and not", async () => {
    const streamed = await post(SONNET_45, "converse-stream", converseBody("Plan a trip to Lisbon", { outputConfig }));
    expect(JSON.parse(textOf(await readFrames(streamed)))).toEqual({ city: "Lisbon", days: 1 });
    const json = (await (await post(SONNET_45, "converse", converseBody("Plan a trip to Lisbon", { outputConfig }))).json()) as any;
    expect(JSON.parse(json.output.message.content[0].text)).toEqual({ city: "Lisbon", days: 1 });
  });

  it("refuses a bad type, a missing schema, a schema that is not a JSON object (Coral wording where Bedrock's is known)", async () => {
    const badType = await error(await post(SONNET_45, "converse", converseBody("x", { outputConfig: { textFormat: { type: "json", structure: { jsonSchema: { schema: "{}" } } } } })));
    expect(badType).toMatchObject({ status: 400, type: "ValidationException" });
    expect(badType.message).toBe("1 validation error detected: Value 'json' at 'outputConfig.textFormat.type' failed to satisfy constraint: Member must satisfy enum value set: [json_schema]");
    const noSchema = await error(await post(SONNET_45, "converse", converseBody("x", { outputConfig: { textFormat: { type: "json_schema", structure: { jsonSchema: {} } } } })));
    expect(noSchema.message).toContain("'outputConfig.textFormat.structure.jsonSchema.schema' failed to satisfy constraint: Member must not be null");
    const notObject = await error(await post(SONNET_45, "converse", converseBody("x", { outputConfig: { textFormat: { type: "json_schema", structure: { jsonSchema: { schema: "[1]" } } } } })));
    expect(notObject.message).toContain("not a valid JSON object");
  });

  it("refuses structured output and strict tools on Claude before 4.5", async () => {
    expect((await error(await post(HAIKU_3, "converse", converseBody("x", { outputConfig })))).message).toContain("doesn't support structured outputs");
    const strictTool = { tools: [{ toolSpec: { name: "t", inputSchema: { json: { type: "object" } }, strict: true } }] };
    expect((await error(await post(HAIKU_3, "converse", converseBody("x", { toolConfig: strictTool })))).status).toBe(400);
  });
});

describe("serviceTier and performanceConfig", () => {
  it("reports the tier (and latency) used in metadata / the Converse response", async () => {
    const frames = await readFrames(await post(SONNET_45, "converse-stream", converseBody("hi", { serviceTier: { type: "flex" }, performanceConfig: { latency: "optimized" } })));
    const metadata = frames.find((f) => f.type === "metadata")!.json;
    expect(metadata["serviceTier"]).toEqual({ type: "flex" });
    expect(metadata["performanceConfig"]).toEqual({ latency: "optimized" });
    const json = (await (await post(SONNET_45, "converse", converseBody("hi", { serviceTier: { type: "priority" } }))).json()) as any;
    expect(json.serviceTier).toEqual({ type: "priority" });
  });

  it("refuses an unknown tier the way Coral does", async () => {
    const e = await error(await post(SONNET_45, "converse", converseBody("hi", { serviceTier: { type: "standard" } })));
    expect(e.message).toBe("1 validation error detected: Value 'standard' at 'serviceTier.type' failed to satisfy constraint: Member must satisfy enum value set: [priority, default, flex, reserved]");
  });
});

describe("cache points", () => {
  const toolConfig = { tools: [{ toolSpec: { name: "t", inputSchema: { json: { type: "object" } } } }, { cachePoint: { type: "default" } }] };

  it("Nova refuses a cache point in the tools, and one after a tool result", async () => {
    const inTools = await error(await post(NOVA, "converse", converseBody("x", { toolConfig })));
    expect(inTools.message).toContain("#/toolConfig/tools/1: extraneous key [cachePoint] is not permitted");
    const afterResult = {
      messages: [
        { role: "user", content: [{ text: "weather?" }] },
        { role: "assistant", content: [{ toolUse: { toolUseId: "a", name: "t", input: {} } }] },
        { role: "user", content: [{ toolResult: { toolUseId: "a", content: [{ text: "sunny" }] } }, { cachePoint: { type: "default" } }] },
      ],
      toolConfig: { tools: [toolConfig.tools[0]] },
    };
    expect((await error(await post(NOVA, "converse", afterResult))).message).toContain("#/messages/2/content/1: extraneous key [cachePoint]");
    expect((await post(SONNET_45, "converse", afterResult)).status).toBe(200);
  });

  it("1h only on Claude 4.5 and later; ttls may not grow; an unknown ttl is a Coral enum error", async () => {
    const oneHour = converseBody("x", { system: [{ text: "s" }, { cachePoint: { type: "default", ttl: "1h" } }] });
    expect((await post(SONNET_45, "converse", oneHour)).status).toBe(200);
    expect((await error(await post(HAIKU_3, "converse", oneHour))).message).toContain("1h TTL");
    const growing = { system: [{ text: "s" }, { cachePoint: { type: "default", ttl: "5m" } }], messages: [{ role: "user", content: [{ text: "x" }, { cachePoint: { type: "default", ttl: "1h" } }] }] };
    expect((await error(await post(SONNET_45, "converse", growing))).message).toContain("longer TTL");
    const bad = await error(await post(SONNET_45, "converse", converseBody("x", { system: [{ text: "s" }, { cachePoint: { type: "default", ttl: "2h" } }] })));
    expect(bad.message).toBe("1 validation error detected: Value '2h' at 'system.2.member.cachePoint.ttl' failed to satisfy constraint: Member must satisfy enum value set: [5m, 1h]");
  });

  it("counts 1h writes apart in usage.cacheDetails", async () => {
    const body = converseBody("a question long enough to be worth caching for an hour", { system: [{ text: "You are terse." }, { cachePoint: { type: "default", ttl: "1h" } }] });
    const usage = ((await (await post(SONNET_45, "converse", body)).json()) as any).usage;
    expect(usage.cacheDetails).toEqual([{ ttl: "1h", inputTokens: usage.cacheWriteInputTokens }]);
  });
});

describe("documents with citations, S3 sources, video", () => {
  const doc = (citations: boolean) => ({
    messages: [
      {
        role: "user",
        content: [
          { document: { format: "txt", name: "notes", source: { bytes: btoa("Rivers flow to the sea. Lakes do not.") }, ...(citations ? { citations: { enabled: true } } : {}) } },
          { text: "Where do rivers flow?" },
        ],
      },
    ],
  });

  it("streams a citation delta after the text, with the cited span and its offsets", async () => {
    const frames = await readFrames(await post(SONNET_45, "converse-stream", doc(true)));
    const citation = frames.find((f) => f.type === "contentBlockDelta" && (f.json["delta"] as any).citation)!.json;
    expect((citation["delta"] as any).citation).toEqual({
      title: "notes",
      sourceContent: [{ text: "Rivers flow to the sea." }],
      location: { documentChar: { documentIndex: 0, start: 0, end: 23 } },
    });
    const without = await readFrames(await post(SONNET_45, "converse-stream", doc(false)));
    expect(without.some((f) => f.type === "contentBlockDelta" && (f.json["delta"] as any).citation)).toBe(false);
  });

  it("answers Converse with a citationsContent block", async () => {
    const json = (await (await post(SONNET_45, "converse", doc(true))).json()) as any;
    const block = json.output.message.content[0].citationsContent;
    expect(block.content[0].text).toBe("Where do rivers flow?");
    expect(block.citations[0].sourceContent[0].text).toBe("Rivers flow to the sea.");
  });

  it("checks S3 locations and video formats with Coral's patterns", async () => {
    const s3 = (uri: string, bucketOwner?: string) =>
      converseBody("x", {}).replace('[{"text":"x"}]', JSON.stringify([{ text: "x" }, { image: { format: "png", source: { s3Location: { uri, ...(bucketOwner ? { bucketOwner } : {}) } } } }]));
    expect((await post(NOVA, "converse", s3("s3://my-bucket/a.png", "123456789012"))).status).toBe(200);
    const badUri = await error(await post(NOVA, "converse", s3("https://my-bucket/a.png")));
    expect(badUri.message).toContain("at 'messages.1.member.content.2.member.image.source.s3Location.uri' failed to satisfy constraint: Member must satisfy regular expression pattern");
    expect((await error(await post(NOVA, "converse", s3("s3://my-bucket/a.png", "12")))).message).toContain("bucketOwner");
    const video = converseBody("x").replace('[{"text":"x"}]', JSON.stringify([{ text: "x" }, { video: { format: "avi", source: { s3Location: { uri: "s3://b-1/v.avi" } } } }]));
    expect((await error(await post(NOVA, "converse", video))).message).toContain("'messages.1.member.content.2.member.video.format' failed to satisfy constraint: Member must satisfy enum value set: [mkv, mov, mp4, webm, flv, mpeg, mpg, wmv, three_gp]");
  });
});

describe("thinking.display in GovCloud", () => {
  it("is refused in us-gov regions, taken elsewhere", async () => {
    const body = converseBody("x", { additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" } } });
    const gov = await post("anthropic.claude-3-5-sonnet-20240620-v1:0", "converse", body, "us-gov-west-1");
    expect((await error(gov)).message).toContain("extraneous key [display]");
    expect((await post("anthropic.claude-3-5-sonnet-20240620-v1:0", "converse", body)).status).toBe(200);
  });
});

describe("anthropic_beta", () => {
  it("is taken by Claude, refused by other models the way a model schema refuses an unknown key", async () => {
    const body = converseBody("x", { additionalModelRequestFields: { anthropic_beta: ["context-1m-2025-08-07"] } });
    expect((await post(SONNET_45, "converse", body)).status).toBe(200);
    expect((await error(await post(NOVA, "converse", body))).message).toContain("#: extraneous key [anthropic_beta] is not permitted");
  });
});

describe("additionalModelResponseFieldPaths", () => {
  it("refuses more than 10 paths and a malformed pointer", async () => {
    const many = Array.from({ length: 11 }, (_, i) => `/f${i}`);
    expect((await error(await post(SONNET_45, "converse", converseBody("x", { additionalModelResponseFieldPaths: many })))).message).toContain("Member must have length less than or equal to 10");
    expect((await error(await post(SONNET_45, "converse", converseBody("x", { additionalModelResponseFieldPaths: ["stop_sequence"] })))).message).toContain("not valid");
  });
});

describe("CountTokens", () => {
  const count = (model: string, body: unknown) => post(model, "count-tokens", body);

  it("counts the input of a converse request for an Anthropic foundation model", async () => {
    const response = await count("anthropic.claude-sonnet-4-5-20250929-v1:0", { input: { converse: JSON.parse(converseBody("Hello there, how many tokens is this?")) } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ inputTokens: 10 });
  });

  it("counts tool definitions too, and an invokeModel body", async () => {
    const withTools = { ...JSON.parse(converseBody("hi")), toolConfig: { tools: [{ toolSpec: { name: "lookup", inputSchema: { json: { type: "object" } } } }] } };
    const { inputTokens } = (await (await count("anthropic.claude-sonnet-4-5-20250929-v1:0", { input: { converse: withTools } })).json()) as { inputTokens: number };
    expect(inputTokens).toBeGreaterThan(1);
    const invoke = { input: { invokeModel: { body: btoa(JSON.stringify({ messages: [{ role: "user", content: "four char" }] })) } } };
    expect(((await (await count("anthropic.claude-sonnet-4-5-20250929-v1:0", invoke)).json()) as { inputTokens: number }).inputTokens).toBeGreaterThan(0);
  });

  it("refuses inference profiles, non-Anthropic models, a missing input and an invalid conversation", async () => {
    expect((await error(await count(SONNET_45, { input: { converse: JSON.parse(converseBody("x")) } }))).message).toBe("The provided model identifier is invalid.");
    expect((await error(await count(NOVA, { input: { converse: JSON.parse(converseBody("x")) } }))).message).toContain("doesn't support counting tokens");
    expect((await error(await count("anthropic.claude-sonnet-4-5-20250929-v1:0", {}))).message).toContain("'input' failed to satisfy constraint");
    const assistantFirst = { messages: [{ role: "assistant", content: [{ text: "x" }] }] };
    expect((await count("anthropic.claude-sonnet-4-5-20250929-v1:0", { input: { converse: assistantFirst } })).status).toBe(400);
  });
});

describe("Prompt management (a prompt ARN as the model)", () => {
  const PROMPT = "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT1234:1";

  it("runs the prompt with its variables on its model; messages may be empty or follow it", async () => {
    const response = await post(PROMPT, "converse", { messages: [], promptVariables: { topic: { text: "rivers" } } });
    const json = (await response.json()) as any;
    expect(json).toMatchObject({ output: {} });
    expect(json.output.message.content[0].text).toBe("Tell me about rivers in one sentence.");
    const frames = await readFrames(await post(PROMPT, "converse-stream", { messages: [{ role: "user", content: [{ text: "And lakes?" }] }], promptVariables: { topic: { text: "rivers" } } }));
    expect(frames.some((f) => f.type === "messageStop")).toBe(true);
  });

  it("refuses what the prompt defines, a missing variable, an unknown prompt, and variables without a prompt", async () => {
    expect((await error(await post(PROMPT, "converse", { messages: [], system: [{ text: "x" }], promptVariables: { topic: { text: "a" } } }))).message).toContain("system");
    expect((await error(await post(PROMPT, "converse", { messages: [] }))).message).toContain("topic");
    const unknown = await post("arn:aws:bedrock:us-east-1:123456789012:prompt/NOPROMPT00:1", "converse", { messages: [] });
    expect((await error(unknown)).status).toBe(404);
    expect((await error(await post(SONNET_45, "converse", converseBody("x", { promptVariables: { a: { text: "b" } } })))).status).toBe(400);
  });
});
