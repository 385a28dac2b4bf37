import { BadRequestError } from "openai";
import type { ResponseInputItem, ResponseStreamEvent } from "openai/resources/responses/responses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { behaveScript, post, sseData, startHarness, type GatewayHarness } from "../test-support/gateway-harness.js";

const MODEL = "us.anthropic.claude-sonnet-4-6";
const WEATHER = { type: "function" as const, name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: false };
let h: GatewayHarness;

beforeAll(async () => {
  h = await startHarness({
    emulator: { script: (info) => (info.lastUserText === "think first" ? { reasoning: { text: "Pondering.", signature: "sig-abc" }, text: "Done thinking." } : behaveScript(info)) },
  });
});
afterAll(async () => {
  await h?.close();
});

describe("POST /v1/responses", () => {
  it("answers text without streaming: output message, output_text, usage, status", async () => {
    const response = await h.openai().responses.create({ model: MODEL, input: "hello responses", instructions: "be brief" });
    expect(response).toMatchObject({ object: "response", status: "completed", model: MODEL, instructions: "be brief", error: null, incomplete_details: null });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output_text).toBe("hello responses");
    expect(response.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: "hello responses", annotations: [] }] });
    expect(response.usage!.total_tokens).toBe(response.usage!.input_tokens + response.usage!.output_tokens);
    expect(JSON.parse(h.emulator.requests.at(-1)!.body).system).toEqual([{ text: "be brief" }]);
  });

  it("streams the events in order with increasing sequence numbers, ending in response.completed", async () => {
    const stream = await h.openai().responses.create({ model: MODEL, input: [{ role: "user", content: "stream the responses api" }], stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const ev of stream) events.push(ev);
    const types = events.map((e) => e.type);
    expect(types.slice(0, 4)).toEqual(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]);
    expect(types.slice(-4)).toEqual(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const text = events.filter((e) => e.type === "response.output_text.delta").map((e) => (e as { delta: string }).delta).join("");
    expect(text).toBe("stream the responses api");
    const completed = events.at(-1) as Extract<ResponseStreamEvent, { type: "response.completed" }>;
    expect(completed.response.output[0]).toMatchObject({ type: "message", content: [{ text: "stream the responses api" }] });
    expect(completed.response.usage!.output_tokens).toBeGreaterThan(0);
    // Raw framing: an event: line before each data: line.
    const raw = await (await post(h, "/v1/responses", { model: MODEL, input: "raw", stream: true })).text();
    for (const block of raw.split("\n\n").filter((b) => b)) expect(block).toMatch(/^event: [a-z_.]+\ndata: \{.*\}$/);
  });

  it("round-trips a function call: streamed arguments, function_call_output, the answer", async () => {
    const client = h.openai();
    const stream = await client.responses.create({ model: MODEL, input: "use the get_weather tool for Oslo", tools: [WEATHER], stream: true });
    let call: { call_id: string; name: string; arguments: string } | undefined;
    let deltas = "";
    for await (const ev of stream) {
      if (ev.type === "response.function_call_arguments.delta") deltas += ev.delta;
      if (ev.type === "response.output_item.done" && ev.item.type === "function_call") call = ev.item;
    }
    expect(call!.name).toBe("get_weather");
    expect(deltas).toBe(call!.arguments);
    const input: ResponseInputItem[] = [
      { role: "user", content: "use the get_weather tool for Oslo" },
      { type: "function_call", call_id: call!.call_id, name: "get_weather", arguments: call!.arguments },
      { type: "function_call_output", call_id: call!.call_id, output: "minus 3" },
    ];
    const answer = await client.responses.create({ model: MODEL, input, tools: [WEATHER] });
    expect(answer.output_text).toBe(`Tool ${call!.call_id} returned: minus 3`);
    const whole = await client.responses.create({ model: MODEL, input: "use the get_weather tool for Oslo", tools: [WEATHER], tool_choice: "required" });
    expect(whole.output.find((o) => o.type === "function_call")).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
  });

  it("streams reasoning as reasoning_text events, with the signature as encrypted_content that round-trips", async () => {
    const client = h.openai();
    const stream = await client.responses.create({ model: MODEL, input: "think first", reasoning: { effort: "low" }, max_output_tokens: 4000, include: ["reasoning.encrypted_content"], stream: true });
    let reasoning = "";
    let item: unknown;
    for await (const ev of stream) {
      if (ev.type === "response.reasoning_text.delta") reasoning += ev.delta;
      if (ev.type === "response.output_item.done" && ev.item.type === "reasoning") item = ev.item;
    }
    expect(reasoning).toBe("Pondering.");
    expect(item).toMatchObject({ type: "reasoning", content: [{ type: "reasoning_text", text: "Pondering." }], encrypted_content: "sig-abc" });
    const next = await client.responses.create({
      model: MODEL,
      input: [{ role: "user", content: "think first" }, item as ResponseInputItem, { role: "assistant", content: "Done thinking." }, { role: "user", content: "again" }],
      reasoning: { effort: "low" },
      max_output_tokens: 4000,
    });
    expect(next.output_text).toBe("again");
    const sent = JSON.parse(h.emulator.requests.at(-1)!.body);
    expect(sent.messages[1].content[0].reasoningContent.reasoningText).toEqual({ text: "Pondering.", signature: "sig-abc" });
  });

  it("maps text.format json_schema to Bedrock structured output", async () => {
    const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"], additionalProperties: false };
    const response = await h.openai().responses.create({ model: MODEL, input: "answer in json", text: { format: { type: "json_schema", name: "reply", schema, strict: true } } });
    expect(typeof JSON.parse(response.output_text).answer).toBe("string");
    expect(response.text).toMatchObject({ format: { type: "json_schema", name: "reply" } });
    expect(JSON.stringify(JSON.parse(h.emulator.requests.at(-1)!.body).outputConfig)).toContain("answer");
  });

  it("says incomplete for max_output_tokens, refuses previous_response_id and hosted tools by name", async () => {
    const client = h.openai();
    const cut = await client.responses.create({ model: MODEL, input: "a long answer ".repeat(40), max_output_tokens: 2 });
    expect(cut).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    const previous = await client.responses.create({ model: MODEL, input: "hi", previous_response_id: "resp_1" }).catch((e: unknown) => e);
    expect((previous as BadRequestError).param).toBe("previous_response_id");
    const hosted = await client.responses.create({ model: MODEL, input: "hi", tools: [{ type: "web_search" }] }).catch((e: unknown) => e);
    expect((hosted as BadRequestError).param).toBe("tools[0].type");
  });

  it("ends a stream that fails midway with an error event and response.failed", async () => {
    const res = await post(h, "/v1/responses", { model: "emulator.fault.modelStreamErrorException", input: "fail after a while", stream: true });
    const data = sseData(await res.text()).map((d) => JSON.parse(d));
    expect(data.at(-2)).toMatchObject({ type: "error", code: "model_stream_error" });
    expect(data.at(-1)).toMatchObject({ type: "response.failed", response: { status: "failed", error: { code: "model_stream_error" } } });
  });
});
