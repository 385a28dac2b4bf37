import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrometheusMetrics } from "../node/prometheus-metrics.js";
import { post, sseData, startHarness, type GatewayHarness } from "../test-support/gateway-harness.js";

const MODEL = "us.anthropic.claude-sonnet-4-6";
let h: GatewayHarness;

beforeAll(async () => {
  h = await startHarness({ gateway: { metrics: createPrometheusMetrics({ processMetrics: false }), maxBodyBytes: 64 * 1024 } });
});
afterAll(async () => {
  await h?.close();
});

describe("SSE framing (raw HTTP)", () => {
  it("answers text/event-stream with one JSON chunk per data: line, blank-line separated, ending with data: [DONE]", async () => {
    const res = await post(h, "/v1/chat/completions", { model: MODEL, messages: [{ role: "user", content: "frame these words" }], stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const body = await res.text();
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(body).not.toContain("\r");
    const blocks = body.split("\n\n").filter((b) => b !== "");
    for (const block of blocks) expect(block).toMatch(/^data: [^\n]+$/);
    const data = sseData(body);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    const ids = new Set(chunks.map((c) => c.id));
    expect(ids.size).toBe(1);
    for (const c of chunks) {
      expect(c).toMatchObject({ object: "chat.completion.chunk", model: MODEL });
      expect(c).not.toHaveProperty("usage");
    }
    expect(chunks.map((c) => c.choices[0].delta.content ?? "").join("")).toBe("frame these words");
    expect(chunks.at(-1).choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "stop" });
  });

  it("answers an error before the first event with its HTTP status, not a stream", async () => {
    const res = await post(h, "/v1/chat/completions", { model: "emulator.fault.throttle", messages: [{ role: "user", content: "hi" }], stream: true });
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toMatchObject({ error: { type: "rate_limit_error", code: "rate_limit_exceeded" } });
  });

  it("refuses a body over the size limit with 413, and a body that is not JSON with 400", async () => {
    const big = await post(h, "/v1/chat/completions", { model: MODEL, messages: [{ role: "user", content: "x".repeat(100 * 1024) }] });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: "request_too_large" } });
    const bad = await fetch(`${h.server.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${h.key}` }, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_json" } });
  });
});

describe("client disconnect", () => {
  it("aborts the Bedrock call as soon as the client leaves mid-stream", async () => {
    const before = h.log.length;
    const body = JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "behave lorem:400 tps 20" }], stream: true });
    const firstChunk = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        `${h.server.url}/v1/chat/completions`,
        { method: "POST", headers: { authorization: `Bearer ${h.key}`, "content-type": "application/json" } },
        (res) => {
          res.once("data", (chunk: Buffer) => {
            resolve(chunk.toString());
            req.destroy();
          });
        },
      );
      req.on("error", (e) => (e.message.includes("socket hang up") ? undefined : reject(e)));
      req.end(body);
    });
    expect(firstChunk).toMatch(/^data: /);
    await vi.waitFor(() => expect(h.gateway.activeCalls).toBe(0), { timeout: 5000 });
    const entry = h.log.slice(before).find((e) => e.path === "/v1/chat/completions");
    expect(entry).toMatchObject({ status: 200, error: "client_disconnected", stream: true });
  });
});

describe("models, health, metrics", () => {
  it("lists configured + discovered models, filtered by the key's allowlist", async () => {
    const all = await h.openai().models.list();
    const ids = all.data.map((m) => m.id);
    expect(ids).toContain("us.anthropic.claude-sonnet-4-6");
    expect(all.data[0]).toMatchObject({ object: "model", created: 0 });
    h.record.models = ["amazon.*"];
    try {
      const some = (await h.openai().models.list()).data.map((m) => m.id);
      expect(some.length).toBeGreaterThan(0);
      expect(some.every((id) => /(^|\.)amazon\./.test(id))).toBe(true);
      const one = await h.openai().models.retrieve(some[0]!);
      expect(one.id).toBe(some[0]);
      await expect(h.openai().models.retrieve("us.anthropic.claude-sonnet-4-6")).rejects.toMatchObject({ status: 404 });
    } finally {
      delete h.record.models;
    }
  });

  it("serves /healthz and Prometheus /metrics with requests, errors, tokens, time to first token, active streams", async () => {
    expect(await (await fetch(`${h.server.url}/healthz`)).json()).toEqual({ status: "ok" });
    const text = await (await fetch(`${h.server.url}/metrics`)).text();
    expect(text).toMatch(/streambed_gateway_requests_total\{route="\/v1\/chat\/completions",status="200"\} \d+/);
    expect(text).toMatch(/streambed_gateway_errors_total\{code="rate_limit_exceeded"\} \d+/);
    expect(text).toMatch(/streambed_gateway_tokens_total\{key="team-a",model="us.anthropic.claude-sonnet-4-6",kind="output"\} \d+/);
    expect(text).toMatch(/streambed_gateway_time_to_first_token_seconds_count\{model="us.anthropic.claude-sonnet-4-6"\} \d+/);
    expect(text).toMatch(/streambed_gateway_active_streams 0/);
    expect(text).not.toContain(h.key);
  });

  it("logs one line per request with no prompt, answer or key", () => {
    const line = JSON.stringify(h.log);
    expect(line).not.toContain(h.key);
    expect(line).not.toContain("frame these words");
    expect(h.log.find((e) => e.stream && e.status === 200 && e.outputTokens)).toMatchObject({ key: "team-a", keyId: h.record.id, model: MODEL });
  });
});

describe("shutdown", () => {
  it("drains: streams in flight finish, new requests get 503; past the deadline streams end with an error event", async () => {
    const local = await startHarness({ emulator: { tokensPerSecond: 40 } });
    const short = post(local, "/v1/chat/completions", { model: MODEL, messages: [{ role: "user", content: "one two three four five six" }], stream: true });
    const long = post(local, "/v1/chat/completions", { model: MODEL, messages: [{ role: "user", content: "behave lorem:2000" }], stream: true });
    const [shortRes, longRes] = await Promise.all([short, long]);
    const closing = local.server.close();
    const refused = await fetch(`${local.server.url}/healthz`).then((r) => r.status, () => "refused");
    expect([503, "refused"]).toContain(refused);
    const shortBody = await shortRes.text();
    expect(shortBody.endsWith("data: [DONE]\n\n")).toBe(true);
    const longEvents = sseData(await longRes.text());
    expect(JSON.parse(longEvents.at(-1)!).error).toMatchObject({ code: "gateway_shutting_down" });
    await closing;
    expect(local.gateway.activeCalls).toBe(0);
    await local.close();
  });
});
