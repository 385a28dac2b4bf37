import { describe, expect, it } from "vitest";
import { converseBody, textOf } from "../test/helpers.js";
import { setupMswEmulator, SONNET } from "./handlers.test-helper.js";

const { recorded, post, stream, converse } = setupMswEmulator();

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
