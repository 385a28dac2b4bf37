import type { Context, Model } from "@mariozechner/pi-ai";
import { getModel } from "@mariozechner/pi-ai";
import { describe, expect, it } from "vitest";
import { toStreambedRequest } from "./map-options.js";
import { PiAiOptionError } from "./option-error.js";

const sonnet46 = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-6") as Model<"bedrock-converse-stream">;
const sonnet45 = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0") as Model<"bedrock-converse-stream">;
const context: Context = { systemPrompt: "sys", messages: [{ role: "user", content: "hi", timestamp: 0 }] };
const env = { AWS_REGION: "eu-west-1" };

function refused(fn: () => unknown): PiAiOptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PiAiOptionError);
    return error as PiAiOptionError;
  }
  throw new Error("not refused");
}

describe("toStreambedRequest", () => {
  it("maps the context and the sampling options", () => {
    const signal = new AbortController().signal;
    const { request, client } = toStreambedRequest(sonnet46, context, { maxTokens: 100, temperature: 0.5, signal }, env);
    expect(request).toMatchObject({ system: "sys", messages: [{ role: "user", content: "hi" }], maxTokens: 100, temperature: 0.5, signal, cache: "short" });
    expect(request.model).toMatchObject({ id: sonnet46.id, cost: sonnet46.cost, maxTokens: sonnet46.maxTokens, supportsCaching: true });
    expect(client).toEqual({ region: "eu-west-1" });
  });

  it("cacheRetention: pi-ai's default short, PI_CACHE_RETENTION=long, none; cache points only where pi-ai places them", () => {
    expect(toStreambedRequest(sonnet46, context, {}, { PI_CACHE_RETENTION: "long" }).request.cache).toBe("long");
    expect(toStreambedRequest(sonnet46, context, { cacheRetention: "none" }, {}).request.cache).toBe("none");
    const nova = { ...sonnet46, id: "us.amazon.nova-pro-v1:0", name: "Nova Pro" };
    expect((toStreambedRequest(nova, context, {}, {}).request.model as { supportsCaching?: boolean }).supportsCaching).toBe(false);
    expect((toStreambedRequest(nova, context, {}, { AWS_BEDROCK_FORCE_CACHE: "1" }).request.model as { supportsCaching?: boolean }).supportsCaching).toBe(true);
    expect(refused(() => toStreambedRequest(sonnet46, context, { cacheRetention: "forever" as never }, {})).option).toBe("cacheRetention");
  });

  it("toolChoice, requestMetadata + metadata, headers", () => {
    const tools = [{ name: "t", description: "d", parameters: { type: "object" } as never }];
    const { request } = toStreambedRequest(sonnet46, { ...context, tools }, { toolChoice: { type: "tool", name: "t" }, requestMetadata: { team: "a" }, metadata: { user_id: "u1" }, headers: { "x-h": "1" } }, {});
    expect(request.toolChoice).toEqual({ tool: "t" });
    expect(request.tools).toEqual([{ name: "t", description: "d", parameters: { type: "object" } }]);
    expect(request.requestMetadata).toEqual({ user_id: "u1", team: "a" });
    expect((request.model as { headers?: unknown }).headers).toEqual({ "x-h": "1" });
    expect(refused(() => toStreambedRequest(sonnet46, context, { metadata: { n: 1 } }, {})).option).toBe("metadata.n");
    expect(refused(() => toStreambedRequest(sonnet46, context, { toolChoice: "sometimes" as never }, {})).option).toBe("toolChoice");
  });

  it("reasoning: Claude 4.6 adaptive with display, older Claude a budget + the interleaved beta", () => {
    const adaptive = toStreambedRequest(sonnet46, context, { reasoning: "high", thinkingDisplay: "omitted" }, env).request;
    expect(adaptive.additionalModelRequestFields).toEqual({ thinking: { type: "adaptive", display: "omitted" }, output_config: { effort: "high" } });
    expect(adaptive.anthropicBeta).toBeUndefined();
    const budgeted = toStreambedRequest(sonnet45, context, { reasoning: "low", thinkingBudgets: { low: 3000 } }, env).request;
    expect(budgeted.additionalModelRequestFields).toEqual({ thinking: { type: "enabled", budget_tokens: 3000, display: "summarized" } });
    expect(budgeted.anthropicBeta).toEqual(["interleaved-thinking-2025-05-14"]);
    expect(toStreambedRequest(sonnet45, context, { reasoning: "low", interleavedThinking: false }, env).request.anthropicBeta).toBeUndefined();
    const gov = toStreambedRequest(sonnet45, context, { reasoning: "low", region: "us-gov-west-1" }, {}).request;
    expect(gov.additionalModelRequestFields).toEqual({ thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(toStreambedRequest(sonnet46, context, {}, env).request.additionalModelRequestFields).toBeUndefined();
  });

  it("per-client options: region, profile, bearerToken, timeoutMs, maxRetries, maxRetryDelayMs, AWS_BEDROCK_SKIP_AUTH", () => {
    const { client } = toStreambedRequest(sonnet46, context, { region: "us-west-2", profile: "dev", bearerToken: "tok", timeoutMs: 5000, maxRetries: 0, maxRetryDelayMs: 1000 }, {});
    expect(client).toEqual({ region: "us-west-2", profile: "dev", bearerToken: "tok", firstByteMs: 5000, maxAttempts: 1, maxDelayMs: 1000 });
    expect(toStreambedRequest(sonnet46, context, { bearerToken: "tok" }, { AWS_BEDROCK_SKIP_AUTH: "1" }).client).toEqual({ region: "us-east-1", skipAuth: true });
    expect(refused(() => toStreambedRequest(sonnet46, context, { maxRetries: -1 }, {})).option).toBe("maxRetries");
    expect(refused(() => toStreambedRequest(sonnet46, context, { timeoutMs: 0 }, {})).option).toBe("timeoutMs");
  });

  it("the model's baseUrl: a standard endpoint only pins the region when none is configured; a custom one is always used", () => {
    expect(toStreambedRequest(sonnet46, context, {}, {}).client.region).toBe("us-east-1");
    expect((toStreambedRequest(sonnet46, context, {}, {}).request.model as { baseUrl?: string }).baseUrl).toBe(sonnet46.baseUrl);
    expect((toStreambedRequest(sonnet46, context, {}, env).request.model as { baseUrl?: string }).baseUrl).toBeUndefined();
    expect(toStreambedRequest(sonnet46, context, {}, { AWS_PROFILE: "p" }).client.region).toBeUndefined();
    // The provider's own streambed region or endpoint counts as configured.
    expect((toStreambedRequest(sonnet46, context, {}, {}, { region: "us-west-2" }).request.model as { baseUrl?: string }).baseUrl).toBeUndefined();
    expect(toStreambedRequest(sonnet46, context, {}, {}, { endpoint: "http://127.0.0.1:1" }).client.region).toBeUndefined();
    const vpc = { ...sonnet46, baseUrl: "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com" };
    expect((toStreambedRequest(vpc, context, {}, env).request.model as { baseUrl?: string }).baseUrl).toBe(vpc.baseUrl);
  });

  it("options with no Bedrock counterpart: accepted where pi-ai's contract says providers ignore them, else refused by name", () => {
    expect(() => toStreambedRequest(sonnet46, context, { sessionId: "s", transport: "sse", apiKey: "<authenticated>" }, {})).not.toThrow();
    expect(refused(() => toStreambedRequest(sonnet46, context, { transport: "websocket" }, {})).option).toBe("transport");
    expect(refused(() => toStreambedRequest(sonnet46, context, { apiKey: "sk-123" }, {})).option).toBe("apiKey");
    const unknown = refused(() => toStreambedRequest(sonnet46, context, { topK: 5 } as never, {}));
    expect(unknown.option).toBe("topK");
    expect(unknown.message).toMatch(/^pi-ai option `topK`: /);
    expect(() => toStreambedRequest(sonnet46, context, { topK: undefined } as never, {})).not.toThrow();
  });

  it("onPayload gets streambed's body and pi-ai's model; onResponse is bound to the model", async () => {
    const seen: unknown[] = [];
    const call = toStreambedRequest(sonnet46, context, { onPayload: (payload, model) => void seen.push(payload, model), onResponse: (r, model) => void seen.push(r.status, model.id) }, {});
    await call.request.onPayload!({ messages: [] }, call.request.model as never);
    await call.onResponse!({ status: 200, headers: {} });
    expect(seen).toEqual([{ messages: [] }, sonnet46, 200, sonnet46.id]);
  });
});
