import { APIError, AuthenticationError, BadRequestError, PermissionDeniedError, RateLimitError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, sseData, startHarness, type GatewayHarness } from "../test-support/gateway-harness.js";

const MODEL = "us.anthropic.claude-sonnet-4-6";
let h: GatewayHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("POST /v1/chat/completions with the openai client", () => {
  it("answers a non-streaming completion: text, finish reason, usage", async () => {
    const completion = await h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hello gateway" }] });
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe(MODEL);
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]!.message).toMatchObject({ role: "assistant", content: "hello gateway", refusal: null });
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    const usage = completion.usage!;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.prompt_tokens_details?.cached_tokens).toBe(0);
    // Bedrock got the gateway's SigV4 signature, never the client's key.
    const sent = h.emulator.requests.at(-1)!;
    expect(sent.auth).toMatchObject({ scheme: "sigv4", verified: true });
    expect(JSON.stringify(sent.headers) + sent.body).not.toContain(h.key.slice(6, 20));
  });

  it("streams: role first, text deltas, finish chunk, usage chunk (include_usage), [DONE]", async () => {
    const stream = await h.openai().chat.completions.create({
      model: MODEL,
      messages: [{ role: "system", content: "be brief" }, { role: "user", content: "stream these words back to me please" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "" });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("stream these words back to me please");
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(1);
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish!.choices[0]!.finish_reason).toBe("stop");
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.completion_tokens).toBeGreaterThan(0);
    expect(last.usage!.total_tokens).toBe(last.usage!.prompt_tokens + last.usage!.completion_tokens);
    for (const c of chunks.slice(0, -1)) expect(c.usage).toBeNull();
    const sent = JSON.parse(h.emulator.requests.at(-1)!.body);
    expect(sent.system).toEqual([{ text: "be brief" }]);
  });

  it("maps max_tokens, stop, temperature, top_p and user into the Bedrock request", async () => {
    const completion = await h.openai().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "one two three STOP four" }],
      max_completion_tokens: 50,
      stop: ["STOP"],
      temperature: 0.5,
      user: "alice@example.com",
    });
    expect(completion.choices[0]!.message.content).toBe("one two three ");
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    const sent = JSON.parse(h.emulator.requests.at(-1)!.body);
    expect(sent.inferenceConfig).toEqual({ maxTokens: 50, stopSequences: ["STOP"], temperature: 0.5 });
    expect(sent.requestMetadata).toEqual({ user: "alice@example.com" });
    const cut = await h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "a long answer ".repeat(40) }], max_tokens: 2 });
    expect(cut.choices[0]!.finish_reason).toBe("length");
    expect(cut.usage!.completion_tokens).toBeLessThanOrEqual(2);
  });

  it("refuses n > 1, unknown fields and response_format json_schema with a 400 naming the field", async () => {
    const client = h.openai();
    const n = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], n: 2 }).catch((e: unknown) => e);
    expect(n).toBeInstanceOf(BadRequestError);
    expect((n as BadRequestError).param).toBe("n");
    const unknown = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], foo_bar: 1 } as never).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(BadRequestError);
    expect((unknown as BadRequestError).param).toBe("foo_bar");
    expect((unknown as BadRequestError).message).toContain("foo_bar");
    const penalty = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], presence_penalty: 1 }).catch((e: unknown) => e);
    expect((penalty as BadRequestError).param).toBe("presence_penalty");
    const bad = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] }] }).catch((e: unknown) => e);
    expect((bad as BadRequestError).param).toBe("messages[0].content[0].type");
    const format = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], response_format: { type: "json_object" } }).catch((e: unknown) => e);
    expect((format as BadRequestError).param).toBe("response_format.type");
    // Neutral fields at neutral values pass.
    const ok = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "fine" }], n: 1, seed: 7, store: false, logprobs: false, frequency_penalty: 0, parallel_tool_calls: true });
    expect(ok.choices[0]!.message.content).toBe("fine");
  });

  it("maps response_format json_schema to Bedrock structured output, and service_tier to its tier", async () => {
    const schema = { type: "object", properties: { city: { type: "string" }, population: { type: "integer" } }, required: ["city", "population"], additionalProperties: false };
    const completion = await h.openai().chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "the biggest city in Norway" }],
      response_format: { type: "json_schema", json_schema: { name: "city", schema, strict: true } },
      service_tier: "flex",
    });
    const answer = JSON.parse(completion.choices[0]!.message.content!);
    expect(typeof answer.city).toBe("string");
    expect(Number.isInteger(answer.population)).toBe(true);
    const sent = JSON.parse(h.emulator.requests.at(-1)!.body);
    expect(JSON.stringify(sent.outputConfig)).toContain("population");
    expect(sent.serviceTier).toEqual({ type: "flex" });
    const scale = await h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], service_tier: "scale" }).catch((e: unknown) => e);
    expect((scale as BadRequestError).param).toBe("service_tier");
  });

  it("answers 401 without a key or with a wrong one, 403 for a model outside the key's allowlist", async () => {
    const none = await fetch(`${h.server.url}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { type: "invalid_request_error", code: "missing_api_key", param: null } });
    const wrong = await h.openai({ apiKey: "sk-sb-not-a-key" }).chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect((wrong as APIError).message).not.toContain("sk-sb-not-a-key");
    h.record.models = ["amazon.*"];
    try {
      const denied = await h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(PermissionDeniedError);
      expect((denied as APIError).code).toBe("model_not_allowed");
      const allowed = await h.openai().chat.completions.create({ model: "us.amazon.nova-lite-v1:0", messages: [{ role: "user", content: "nova" }] });
      expect(allowed.choices[0]!.message.content).toBe("nova");
    } finally {
      delete h.record.models;
    }
  });

  it("maps Bedrock's throttling to 429 with retry-after, access denied to 403, validation to 400", async () => {
    const client = h.openai();
    const ask = (model: string) => client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    const throttled = await ask("emulator.fault.throttle");
    expect(throttled).toBeInstanceOf(RateLimitError);
    expect(Number((throttled as APIError).headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await ask("emulator.fault.403")).toBeInstanceOf(PermissionDeniedError);
    const invalid = await ask("no.such-model-v1");
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect((invalid as APIError).message).toMatch(/model identifier is invalid/);
  });

  it("sends an error after the stream started as a final SSE error event (APIError), never a silent close", async () => {
    const res = await post(h, "/v1/chat/completions", { model: "emulator.fault.internalServerException", messages: [{ role: "user", content: "mid stream failure please" }], stream: true });
    expect(res.status).toBe(200);
    const events = sseData(await res.text());
    const last = JSON.parse(events.at(-1)!);
    expect(last.error).toMatchObject({ type: "server_error", code: "upstream_internal_error" });
    expect(events).not.toContain("[DONE]");
    const stream = await h.openai().chat.completions.create({ model: "emulator.fault.internalServerException", messages: [{ role: "user", content: "again" }], stream: true });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(APIError);
    expect(h.log.at(-1)).toMatchObject({ status: 200, error: "upstream_internal_error", stream: true });
  });
});
