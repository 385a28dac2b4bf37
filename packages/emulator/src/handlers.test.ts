import { EventStreamDecodeError } from "@streambed/transport";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { converseBody, readFrames, signedRequest, textOf, TEST_KEYS, type Frame } from "../test/helpers.js";
import { createBedrockHandlers } from "./handlers.js";
import type { EmulatorOptions, RecordedRequest } from "./options.js";

const RUNTIME = "https://bedrock-runtime.us-east-1.amazonaws.com";
const CONTROL = "https://bedrock.us-east-1.amazonaws.com";
const SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

const recorded: RecordedRequest[] = [];
let scriptOptions: Partial<EmulatorOptions> = {};
const server = setupServer(
  ...createBedrockHandlers({
    onRequest: (r) => recorded.push(r),
    script: (info) => (scriptOptions.script ? scriptOptions.script(info) : undefined),
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  scriptOptions = {};
});
afterAll(() => server.close());

function post(model: string, action: "converse" | "converse-stream", body: string, headers: Record<string, string> = {}) {
  return fetch(`${RUNTIME}/model/${encodeURIComponent(model)}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

async function stream(body: string, headers: Record<string, string> = {}, model = SONNET): Promise<{ response: Response; frames: Frame[] }> {
  const response = await post(model, "converse-stream", body, headers);
  expect(response.status).toBe(200);
  return { response, frames: await readFrames(response) };
}

async function converse(body: string, headers: Record<string, string> = {}, model = SONNET) {
  const response = await post(model, "converse", body, headers);
  return { response, json: (await response.json()) as Record<string, any> };
}

describe("ConverseStream (MSW, fetch)", () => {
  it("echoes the last user text as Bedrock events, each padded with p", async () => {
    const { response, frames } = await stream(converseBody("Hello there, emulator. How are you today?"));
    expect(response.headers.get("content-type")).toBe("application/vnd.amazon.eventstream");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const types = frames.map((f) => f.type);
    expect(types[0]).toBe("messageStart");
    expect(types.slice(-3)).toEqual(["contentBlockStop", "messageStop", "metadata"]);
    expect(types.filter((t) => t === "contentBlockDelta").length).toBeGreaterThan(1);
    expect(textOf(frames)).toBe("Hello there, emulator. How are you today?");
    for (const f of frames) {
      expect(f.messageType).toBe("event");
      expect(f.headers[":content-type"]).toEqual({ type: "string", value: "application/json" });
      expect(f.json["p"]).toMatch(/^abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$|^a[a-zA-Z0-9]*$/);
    }
    expect(frames[0]!.json["role"]).toBe("assistant");
    expect(frames.at(-2)!.json["stopReason"]).toBe("end_turn");
    const metadata = frames.at(-1)!.json as { usage: { inputTokens: number; outputTokens: number; totalTokens: number }; metrics: { latencyMs: number } };
    expect(metadata.usage.inputTokens).toBeGreaterThan(0);
    expect(metadata.usage.outputTokens).toBeGreaterThan(0);
    expect(metadata.usage.totalTokens).toBe(metadata.usage.inputTokens + metadata.usage.outputTokens);
    expect(metadata.metrics.latencyMs).toBeGreaterThan(0);
  });

  it("accepts a percent-encoded inference-profile ARN as model id", async () => {
    const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${SONNET}`;
    const { frames } = await stream(converseBody("arn works"), {}, arn);
    expect(textOf(frames)).toBe("arn works");
    expect(recorded.at(-1)!.modelId).toBe(arn);
  });

  it("streams lorem text and stops at maxTokens with max_tokens", async () => {
    const full = await stream(converseBody("x"), { "x-streambed-emulator-behaviour": "lorem:80" });
    expect(textOf(full.frames).split(" ").length).toBe(80);
    const cut = await stream(converseBody("x", { inferenceConfig: { maxTokens: 10 } }), { "x-streambed-emulator-behaviour": "lorem:80" });
    expect(cut.frames.at(-2)!.json["stopReason"]).toBe("max_tokens");
    expect((cut.frames.at(-1)!.json["usage"] as { outputTokens: number }).outputTokens).toBeLessThanOrEqual(10);
  });

  it("maxTokens cuts the text at that many (~4-character) tokens, never to an empty answer", async () => {
    const prompt = "The quick brown fox jumps over the lazy dog";
    const one = await stream(converseBody(prompt, { inferenceConfig: { maxTokens: 1 } }));
    expect(textOf(one.frames)).toBe("The ");
    expect(one.frames.at(-2)!.json["stopReason"]).toBe("max_tokens");
    expect((one.frames.at(-1)!.json["usage"] as { outputTokens: number }).outputTokens).toBe(1);
    const three = await converse(converseBody(prompt, { inferenceConfig: { maxTokens: 3 } }));
    expect(three.json["output"].message.content[0].text).toBe("The quick br");
    expect(three.json["stopReason"]).toBe("max_tokens");
    expect(three.json["usage"].outputTokens).toBe(3);
    const enough = await converse(converseBody(prompt, { inferenceConfig: { maxTokens: 11 } }));
    expect(enough.json["output"].message.content[0].text).toBe(prompt);
    expect(enough.json["stopReason"]).toBe("end_turn");
  });

  it("stopSequences end the text before the earliest sequence with stop_sequence", async () => {
    const prompt = "one two three. four END five";
    const body = converseBody(prompt, { inferenceConfig: { stopSequences: ["END", "three"] } });
    const streamed = await stream(body);
    expect(textOf(streamed.frames)).toBe("one two ");
    expect(streamed.frames.at(-2)!.json["stopReason"]).toBe("stop_sequence");
    const { json } = await converse(body);
    expect(json["output"].message.content).toEqual([{ text: "one two " }]);
    expect(json["stopReason"]).toBe("stop_sequence");
    expect(json["usage"].outputTokens).toBe(2);
    const absent = await converse(converseBody(prompt, { inferenceConfig: { stopSequences: ["zzz"] } }));
    expect(absent.json["stopReason"]).toBe("end_turn");
    const first = await converse(converseBody(prompt, { inferenceConfig: { stopSequences: ["END"], maxTokens: 2 } }));
    expect(first.json["stopReason"]).toBe("max_tokens");
  });

  it("calls a tool when tools are given and the prompt asks for it", async () => {
    const tools = {
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: "get_weather",
              description: "Weather for a city",
              inputSchema: { json: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city"] } },
            },
          },
        ],
      },
    };
    const { frames } = await stream(converseBody("What is the weather in Paris? Use get_weather.", tools));
    const start = frames.find((f) => f.type === "contentBlockStart")!;
    const toolUse = (start.json["start"] as { toolUse: { toolUseId: string; name: string } }).toolUse;
    expect(toolUse.name).toBe("get_weather");
    expect(toolUse.toolUseId).toMatch(/^tooluse_[A-Za-z0-9]{22}$/);
    const input = frames
      .filter((f) => f.type === "contentBlockDelta" && f.json["contentBlockIndex"] === start.json["contentBlockIndex"])
      .map((f) => (f.json["delta"] as { toolUse: { input: string } }).toolUse.input)
      .join("");
    expect(JSON.parse(input)).toEqual({ city: "Paris" });
    expect(frames.at(-2)!.json["stopReason"]).toBe("tool_use");

    const { json } = await converse(converseBody("What is the weather in Paris? Use get_weather.", tools));
    expect(json["stopReason"]).toBe("tool_use");
    expect(json["output"].message.content[1].toolUse).toMatchObject({ name: "get_weather", input: { city: "Paris" } });
  });

  it("answers a tool result with text (no second call)", async () => {
    const body = JSON.stringify({
      messages: [
        { role: "user", content: [{ text: "weather in Paris, use get_weather" }] },
        { role: "assistant", content: [{ toolUse: { toolUseId: "t1", name: "get_weather", input: { city: "Paris" } } }] },
        { role: "user", content: [{ toolResult: { toolUseId: "t1", content: [{ json: { temp: 21 } }] } }] },
      ],
      toolConfig: { tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }] },
    });
    const { frames } = await stream(body);
    expect(textOf(frames)).toBe('Tool t1 returned: {"temp":21}');
    expect(frames.at(-2)!.json["stopReason"]).toBe("end_turn");
  });

  it("reasons with a signature when thinking is requested", async () => {
    const body = converseBody("Why is the sky blue?", { additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 1024 } } });
    const { frames } = await stream(body);
    const reasoning = frames.filter((f) => f.type === "contentBlockDelta" && f.json["contentBlockIndex"] === 0);
    const deltas = reasoning.map((f) => (f.json["delta"] as { reasoningContent: { text?: string; signature?: string } }).reasoningContent);
    expect(deltas.slice(0, -1).every((d) => typeof d.text === "string")).toBe(true);
    expect(deltas.at(-1)!.signature).toMatch(/^[A-Za-z0-9]{344}$/);
    expect(textOf(frames.filter((f) => f.json["contentBlockIndex"] === 1))).toBe("Why is the sky blue?");

    const { json } = await converse(body);
    expect(json["output"].message.content[0].reasoningContent.reasoningText.signature).toHaveLength(344);
    expect(json["output"].message.content[1].text).toBe("Why is the sky blue?");
  });

  it("chooses behaviours by model id (emulator.lorem) and faults by model id (emulator.fault.throttle)", async () => {
    const { frames } = await stream(converseBody("x"), {}, "emulator.lorem:12");
    expect(textOf(frames).split(" ")).toHaveLength(12);
    const response = await post("emulator.fault.throttle", "converse-stream", converseBody("x"));
    expect(response.status).toBe(429);
  });

  it("rejects unknown behaviour and fault names with a ValidationException naming the valid ones", async () => {
    const bad = await post(SONNET, "converse-stream", converseBody("x"), { "x-streambed-emulator-behaviour": "dance" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("lorem:<words>");
    const badFault = await post(SONNET, "converse-stream", converseBody("x"), { "x-streambed-emulator-fault": "explode" });
    expect(badFault.status).toBe(400);
    expect(((await badFault.json()) as { message: string }).message).toContain("bad-prelude-crc");
  });
});

describe("Converse (MSW, fetch)", () => {
  it("returns Bedrock's Converse shape", async () => {
    const { response, json } = await converse(converseBody("Just echo me"));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-amzn-requestid")).toBeTruthy();
    expect(json).toMatchObject({
      output: { message: { role: "assistant", content: [{ text: "Just echo me" }] } },
      stopReason: "end_turn",
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), totalTokens: expect.any(Number) },
      metrics: { latencyMs: expect.any(Number) },
    });
  });

  it("applies Bedrock's model rules", async () => {
    const profileOnly = await converse(converseBody("x"), {}, "anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(profileOnly.response.status).toBe(400);
    expect(profileOnly.response.headers.get("x-amzn-errortype")).toMatch(/^ValidationException:/);
    expect(profileOnly.json["message"]).toContain("inference profile");
    const embed = await converse(converseBody("x"), {}, "amazon.titan-embed-text-v2:0");
    expect(embed.response.status).toBe(400);
    const noStream = await post("ai21.j2-ultra-v1", "converse-stream", converseBody("x"));
    expect(noStream.status).toBe(400);
    const legacyOk = await converse(converseBody("legacy"), {}, "ai21.j2-ultra-v1");
    expect(legacyOk.json["output"].message.content[0].text).toBe("legacy");
    const onDemand = await converse(converseBody("nova"), {}, "amazon.nova-lite-v1:0");
    expect(onDemand.response.status).toBe(200);
    const bad = await post(SONNET, "converse", "{not json");
    expect(bad.headers.get("x-amzn-errortype")).toMatch(/^SerializationException:/);
    const assistantFirst = await post(SONNET, "converse", JSON.stringify({ messages: [{ role: "assistant", content: [{ text: "x" }] }] }));
    expect(assistantFirst.status).toBe(400);
  });

  it("turns a stream exception fault into the matching HTTP error", async () => {
    const { response, json } = await converse(converseBody("x"), { "x-streambed-emulator-fault": "modelStreamErrorException" });
    expect(response.status).toBe(424);
    expect(response.headers.get("x-amzn-errortype")).toMatch(/^ModelErrorException:/);
    expect(json["message"]).toBeTruthy();
  });
});

describe("request validation (MSW, fetch)", () => {
  const alternating = JSON.stringify({ messages: [{ role: "user", content: [{ text: "a" }] }, { role: "user", content: [{ text: "b" }] }] });
  const ALTERNATE = "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.";
  const unanswered = JSON.stringify({
    messages: [
      { role: "user", content: [{ text: "weather?" }] },
      { role: "assistant", content: [{ toolUse: { toolUseId: "tooluse_a1", name: "get_weather", input: {} } }] },
      { role: "user", content: [{ text: "never mind" }] },
    ],
    toolConfig: { tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }] },
  });

  it("answers an invalid body on both routes with Bedrock's 400 ValidationException shape, before any script runs", async () => {
    let scripted = 0;
    scriptOptions.script = () => {
      scripted++;
      return undefined;
    };
    for (const action of ["converse", "converse-stream"] as const) {
      const response = await post(SONNET, action, alternating);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("x-amzn-errortype")).toBe("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/");
      expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
      expect(await response.json()).toEqual({ message: ALTERNATE });
      expect(recorded.at(-1)).toMatchObject({ operation: action, status: 400 });
    }
    expect(scripted).toBe(0);
    const tools = await post(SONNET, "converse-stream", unanswered);
    expect(((await tools.json()) as { message: string }).message).toBe("Expected toolResult blocks at messages.2.content for the following Ids: tooluse_a1");
    const range = await post(SONNET, "converse", converseBody("x", { inferenceConfig: { temperature: 1.5 } }));
    expect(((await range.json()) as { message: string }).message).toBe(
      "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
    );
  });

  it("validate: false restores the lenient emulator (only a first user message and toolConfig are checked)", async () => {
    server.use(...createBedrockHandlers({ validate: false }));
    const { frames } = await stream(alternating);
    expect(textOf(frames)).toBe("b");
    const tools = await post(SONNET, "converse", unanswered);
    expect(tools.status).toBe(200);
    const assistantFirst = await post(SONNET, "converse", JSON.stringify({ messages: [{ role: "assistant", content: [{ text: "x" }] }] }));
    expect(assistantFirst.status).toBe(400);
  });
});

describe("faults (MSW, fetch)", () => {
  it.each([
    ["throttle", 429, "ThrottlingException"],
    ["500", 500, "InternalServerException"],
    ["503", 503, "ServiceUnavailableException"],
    ["403", 403, "AccessDeniedException"],
  ])("%s → %i %s with a JSON message", async (fault, status, type) => {
    for (const action of ["converse", "converse-stream"] as const) {
      const response = await post(SONNET, action, converseBody("x"), { "x-streambed-emulator-fault": fault });
      expect(response.status).toBe(status);
      expect(response.headers.get("x-amzn-errortype")!.split(":")[0]).toBe(type);
      expect(response.headers.get("x-amzn-requestid")).toBeTruthy();
      expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(0);
    }
    const list = await fetch(`${CONTROL}/foundation-models`, { headers: { "x-streambed-emulator-fault": fault } });
    expect(list.status).toBe(status);
  });

  it.each(["internalServerException", "modelStreamErrorException", "validationException", "throttlingException", "serviceUnavailableException"])(
    "sends a %s exception frame after some text",
    async (exception) => {
      const { frames } = await stream(converseBody("some words before the failure arrives"), { "x-streambed-emulator-fault": exception });
      const last = frames.at(-1)!;
      expect(last.messageType).toBe("exception");
      expect(last.type).toBe(exception);
      expect(last.headers[":exception-type"]).toEqual({ type: "string", value: exception });
      expect(typeof last.json["message"]).toBe("string");
      if (exception === "modelStreamErrorException") expect(last.json["originalStatusCode"]).toBe(500);
      expect(textOf(frames.slice(0, -1)).length).toBeGreaterThan(0);
    },
  );

  it("sends an unmodeled :message-type error frame", async () => {
    const { frames } = await stream(converseBody("text first"), { "x-streambed-emulator-fault": "error-frame" });
    const last = frames.at(-1)!;
    expect(last.messageType).toBe("error");
    expect(last.headers[":error-code"]).toEqual({ type: "string", value: "InternalFailure" });
    expect(last.headers[":error-message"]?.type).toBe("string");
    expect(textOf(frames).length).toBeGreaterThan(0);
  });

  it.each([
    ["bad-prelude-crc", "prelude-crc"],
    ["bad-message-crc", "message-crc"],
    ["truncated", "truncated"],
  ])("%s makes the decoder fail with %s after good frames", async (fault, reason) => {
    const response = await post(SONNET, "converse-stream", converseBody("a few words of text here"), { "x-streambed-emulator-fault": fault });
    const frames: Frame[] = [];
    const error = await readFrames(response, frames).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    expect((error as EventStreamDecodeError).reason).toBe(reason);
    expect(textOf(frames).length).toBeGreaterThan(0);
  });

  it("reset fails the fetch like a dropped connection", async () => {
    await expect(post(SONNET, "converse-stream", converseBody("x"), { "x-streambed-emulator-fault": "reset" })).rejects.toThrow(TypeError);
  });

  it("reset-mid errors the body after some frames", async () => {
    const response = await post(SONNET, "converse-stream", converseBody("words words words"), { "x-streambed-emulator-fault": "reset-mid" });
    const frames: Frame[] = [];
    await expect(readFrames(response, frames)).rejects.toThrow(/reset/);
    expect(textOf(frames).length).toBeGreaterThan(0);
  });

  it("stall pauses after the first text, then the stream completes", async () => {
    const { frames } = await stream(converseBody("stall then finish"), { "x-streambed-emulator-fault": "stall:0.01" });
    expect(textOf(frames)).toBe("stall then finish");
    expect(frames.at(-1)!.type).toBe("metadata");
  });
});

describe("scripts (MSW)", () => {
  it("replays scripted events (p added), text, errors and faults", async () => {
    scriptOptions.script = (info) => {
      if (info.lastUserText === "events") {
        return {
          events: [
            { messageStart: { role: "assistant" } },
            { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "scripted" } } },
            { contentBlockStop: { contentBlockIndex: 0 } },
            { messageStop: { stopReason: "stop_sequence" } },
            { metadata: { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, metrics: { latencyMs: 5 } } },
          ],
        };
      }
      if (info.lastUserText === "text") return { text: "a scripted answer", usage: { inputTokens: 7 } };
      if (info.lastUserText === "error") return { error: { status: 404, type: "ResourceNotFoundException", message: "nope" } };
      if (info.lastUserText === "fault") return { fault: "throttlingException" };
      return undefined;
    };
    const events = await stream(converseBody("events"));
    expect(textOf(events.frames)).toBe("scripted");
    expect(events.frames.every((f) => typeof f.json["p"] === "string")).toBe(true);
    expect(events.frames.at(-2)!.json["stopReason"]).toBe("stop_sequence");
    const folded = await converse(converseBody("events"));
    expect(folded.json).toMatchObject({ stopReason: "stop_sequence", usage: { totalTokens: 3 }, output: { message: { content: [{ text: "scripted" }] } } });

    const text = await converse(converseBody("text"));
    expect(text.json["output"].message.content[0].text).toBe("a scripted answer");
    expect(text.json["usage"].inputTokens).toBe(7);
    const error = await post(SONNET, "converse", converseBody("error"));
    expect(error.status).toBe(404);
    const fault = await stream(converseBody("fault"));
    expect(fault.frames.at(-1)!.type).toBe("throttlingException");
    const fallthrough = await stream(converseBody("anything else"));
    expect(textOf(fallthrough.frames)).toBe("anything else");
  });
});

describe("catalogue (MSW)", () => {
  it("lists foundation models with Bedrock's fields and filters", async () => {
    const all = (await (await fetch(`${CONTROL}/foundation-models`)).json()) as { modelSummaries: Array<Record<string, any>> };
    expect(all.modelSummaries.length).toBeGreaterThan(15);
    const sonnet = all.modelSummaries.find((m) => m["modelId"] === "anthropic.claude-sonnet-4-5-20250929-v1:0")!;
    expect(sonnet).toMatchObject({
      modelArn: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
      providerName: "Anthropic",
      inputModalities: ["TEXT", "IMAGE"],
      outputModalities: ["TEXT"],
      responseStreamingSupported: true,
      inferenceTypesSupported: ["INFERENCE_PROFILE"],
      modelLifecycle: { status: "ACTIVE" },
    });
    expect(all.modelSummaries.some((m) => m["modelLifecycle"].status === "LEGACY")).toBe(true);
    expect(all.modelSummaries.some((m) => m["responseStreamingSupported"] === false && m["outputModalities"][0] === "TEXT")).toBe(true);
    const q = async (query: string) =>
      ((await (await fetch(`${CONTROL}/foundation-models?${query}`)).json()) as { modelSummaries: Array<Record<string, any>> }).modelSummaries;
    expect((await q("byProvider=anthropic")).every((m) => m["providerName"] === "Anthropic")).toBe(true);
    expect((await q("byOutputModality=EMBEDDING")).map((m) => m["modelId"]).sort()).toEqual(["amazon.titan-embed-text-v2:0", "cohere.embed-english-v3"]);
    expect((await q("byOutputModality=IMAGE")).map((m) => m["modelId"])).toEqual(["amazon.titan-image-generator-v2:0"]);
    expect((await q("byInferenceType=ON_DEMAND")).some((m) => m["modelId"].startsWith("anthropic.claude-sonnet-4-5"))).toBe(false);
    expect((await q("byCustomizationType=DISTILLATION")).length).toBeGreaterThan(0);
    const bad = await fetch(`${CONTROL}/foundation-models?byOutputModality=VIDEO`);
    expect(bad.status).toBe(400);
  });

  it("lists inference profiles with pagination and type filter", async () => {
    const page = async (query: string) =>
      (await (await fetch(`${CONTROL}/inference-profiles?${query}`)).json()) as { inferenceProfileSummaries: Array<Record<string, any>>; nextToken?: string };
    const all = await page("");
    expect(all.nextToken).toBeUndefined();
    const ids = all.inferenceProfileSummaries.map((p) => p["inferenceProfileId"]);
    expect(ids).toContain(SONNET);
    expect(ids).toContain("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(ids.some((id) => id.startsWith("eu."))).toBe(false);
    const first = all.inferenceProfileSummaries.find((p) => p["inferenceProfileId"] === SONNET)!;
    expect(first).toMatchObject({
      inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${SONNET}`,
      status: "ACTIVE",
      type: "SYSTEM_DEFINED",
      models: expect.arrayContaining([{ modelArn: "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0" }]),
    });
    const collected: string[] = [];
    let token: string | undefined;
    do {
      const p = await page(`maxResults=5${token ? `&nextToken=${encodeURIComponent(token)}` : ""}`);
      expect(p.inferenceProfileSummaries.length).toBeLessThanOrEqual(5);
      collected.push(...p.inferenceProfileSummaries.map((s) => s["inferenceProfileId"]));
      token = p.nextToken;
    } while (token);
    expect(collected).toEqual(ids);
    expect((await page("type=APPLICATION")).inferenceProfileSummaries).toEqual([]);
    expect((await fetch(`${CONTROL}/inference-profiles?maxResults=0`)).status).toBe(400);
    expect((await fetch(`${CONTROL}/inference-profiles?nextToken=garbage`)).status).toBe(400);
  });

  it("lists the eu. profiles for a caller in eu-west-1", async () => {
    const res = await fetch("https://bedrock.eu-west-1.amazonaws.com/inference-profiles");
    const ids = ((await res.json()) as { inferenceProfileSummaries: Array<{ inferenceProfileId: string }> }).inferenceProfileSummaries.map((p) => p.inferenceProfileId);
    expect(ids.some((id) => id.startsWith("eu."))).toBe(true);
    expect(ids.some((id) => id.startsWith("us."))).toBe(false);
  });
});

describe("auth (MSW)", () => {
  const verifying = setupServer();
  it("verifies SigV4, session tokens and bearer tokens; off accepts anything", async () => {
    server.close();
    const withToken = { accessKeyId: "ASIATESTEMULATOR0002", secretAccessKey: "second-secret", sessionToken: "session-token-value" };
    verifying.use(...createBedrockHandlers({ credentials: [TEST_KEYS, withToken], bearerTokens: ["bedrock-api-key-test"] }));
    verifying.listen({ onUnhandledRequest: "error" });
    try {
      const url = `${RUNTIME}/model/${encodeURIComponent(SONNET)}/converse`;
      const ok = await fetch(await signedRequest(url, { body: converseBody("signed") }));
      expect(ok.status).toBe(200);

      const wrong = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { ...TEST_KEYS, secretAccessKey: "wrong" } }));
      expect(wrong.status).toBe(403);
      expect(wrong.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("InvalidSignatureException");
      const wrongBody = (await wrong.json()) as { message: string };
      expect(wrongBody.message).toContain("signature we calculated does not match");
      expect(JSON.stringify(wrongBody)).not.toContain(TEST_KEYS.secretAccessKey);

      const unknown = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "s" } }));
      expect(unknown.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("UnrecognizedClientException");

      const tampered = await fetch(await signedRequest(url, { body: converseBody("x"), tamperBody: converseBody("y") }));
      expect(tampered.status).toBe(403);

      const session = await fetch(await signedRequest(url, { body: converseBody("token"), credentials: withToken }));
      expect(session.status).toBe(200);
      const noToken = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { accessKeyId: withToken.accessKeyId, secretAccessKey: withToken.secretAccessKey } }));
      expect(noToken.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("UnrecognizedClientException");
      const badToken = await fetch(await signedRequest(url, { body: converseBody("x"), credentials: { ...withToken, sessionToken: "other" } }));
      expect(badToken.status).toBe(403);

      const old = await fetch(await signedRequest(url, { body: converseBody("x"), signingDate: new Date(Date.now() - 6 * 60 * 1000) }));
      expect(old.status).toBe(403);
      expect(((await old.json()) as { message: string }).message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
      const slightlyOld = await fetch(await signedRequest(url, { body: converseBody("x"), signingDate: new Date(Date.now() - 4 * 60 * 1000) }));
      expect(slightlyOld.status).toBe(200);

      const list = await fetch(await signedRequest(`${CONTROL}/inference-profiles?maxResults=3&type=SYSTEM_DEFINED`));
      expect(list.status).toBe(200);

      const unsigned = await fetch(url, { method: "POST", body: converseBody("x") });
      expect(unsigned.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("MissingAuthenticationTokenException");
      const bearer = await fetch(url, { method: "POST", body: converseBody("x"), headers: { authorization: "Bearer bedrock-api-key-test" } });
      expect(bearer.status).toBe(200);
      const badBearer = await fetch(url, { method: "POST", body: converseBody("x"), headers: { authorization: "Bearer nope" } });
      expect(badBearer.status).toBe(403);
      expect(badBearer.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("AccessDeniedException");
    } finally {
      verifying.close();
      server.listen({ onUnhandledRequest: "error" });
    }
  });

  it("records requests with secrets redacted", async () => {
    const keys = { accessKeyId: "ASIATESTEMULATOR0003", secretAccessKey: "third-secret", sessionToken: "tok-secret" };
    const url = `${RUNTIME}/model/${encodeURIComponent(SONNET)}/converse`;
    recorded.length = 0;
    await fetch(await signedRequest(url, { body: converseBody("record me"), credentials: keys }));
    const entry = recorded.at(-1)!;
    expect(entry).toMatchObject({ operation: "converse", modelId: SONNET, status: 200, auth: { scheme: "sigv4", accessKeyId: "****0003", verified: false } });
    expect(entry.body).toContain("record me");
    const dump = JSON.stringify(entry);
    expect(dump).not.toContain("tok-secret");
    expect(dump).not.toContain("ASIATESTEMULATOR0003");
    expect(dump).not.toMatch(/Signature=[0-9a-f]{64}/);
  });
});
