import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../errors/index.js";
import type { Model, StreamRequest } from "../types/index.js";
import { buildConverseBody } from "./build-converse-body.js";
import { catchInvalid, CLAUDE_37, CLAUDE_4, CLAUDE_45, CLAUDE_46, CLAUDE_47, DEEPSEEK_R1, GPT_OSS, LLAMA, NOVA_2, testModel } from "./test-helpers.js";

/** The body exactly as it goes on the wire (JSON drops undefined, so compare after a round trip). */
const wire = (request: StreamRequest, model: Model = CLAUDE_46, streaming?: boolean) =>
  JSON.parse(JSON.stringify(buildConverseBody(request, model, streaming === undefined ? undefined : { streaming }))) as unknown;

const hello = [{ role: "user" as const, content: "hello" }];
const weather = { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } };
const weatherSpec = { toolSpec: { name: "get_weather", description: "Weather", inputSchema: { json: weather.parameters } } };


describe("buildConverseBody", () => {
  it("the minimum: one user message, nothing else", () => {
    expect(wire({ messages: hello })).toStrictEqual({ messages: [{ role: "user", content: [{ text: "hello" }] }] });
  });

  it("system (string or strings), inferenceConfig and pass-throughs", () => {
    const body = wire(
      {
        system: ["You are terse.", "", "Answer in French."],
        messages: hello,
        maxTokens: 512,
        temperature: 0.2,
        topP: 0.9,
        stopSequences: ["END"],
        additionalModelRequestFields: { top_k: 40 },
        requestMetadata: { tenant: "acme" },
        performanceConfig: { latency: "optimized" },
      },
      CLAUDE_4,
    );
    expect(body).toStrictEqual({
      messages: [{ role: "user", content: [{ text: "hello" }] }],
      system: [{ text: "You are terse." }, { text: "Answer in French." }],
      inferenceConfig: { maxTokens: 512, temperature: 0.2, topP: 0.9, stopSequences: ["END"] },
      additionalModelRequestFields: { top_k: 40 },
      requestMetadata: { tenant: "acme" },
      performanceConfig: { latency: "optimized" },
    });
    expect(wire({ system: "be brief", messages: hello })).toStrictEqual({ messages: [{ role: "user", content: [{ text: "hello" }] }], system: [{ text: "be brief" }] });
  });

  it("tools and toolChoice", () => {
    expect(wire({ messages: hello, tools: [weather], toolChoice: { tool: "get_weather" } })).toStrictEqual({
      messages: [{ role: "user", content: [{ text: "hello" }] }],
      toolConfig: { tools: [weatherSpec], toolChoice: { tool: { name: "get_weather" } } },
    });
    expect(wire({ messages: hello, tools: [weather], toolChoice: "any" })).toMatchObject({ toolConfig: { toolChoice: { any: {} } } });
  });

  describe("toolChoice none", () => {
    const history: StreamRequest["messages"] = [
      { role: "user", content: "weather?" },
      { role: "assistant", content: [{ type: "toolCall", id: "t1", name: "get_weather", arguments: { city: "Paris" } }] },
      { role: "toolResult", toolCallId: "t1", toolName: "get_weather", content: "18C" },
    ];
    it("sends no toolConfig and renders the tool history as text", () => {
      expect(wire({ messages: history, tools: [weather], toolChoice: "none" })).toStrictEqual({
        messages: [
          { role: "user", content: [{ text: "weather?" }] },
          { role: "assistant", content: [{ text: '[Tool call get_weather (id t1): {"city":"Paris"}]' }] },
          { role: "user", content: [{ text: "[Tool result get_weather (id t1)]\n18C" }] },
        ],
      });
    });
    it("keeps real tool blocks when tools are active", () => {
      expect(wire({ messages: history, tools: [weather] })).toMatchObject({
        messages: [{}, { content: [{ toolUse: { toolUseId: "t1" } }] }, { content: [{ toolResult: { toolUseId: "t1" } }] }],
        toolConfig: { tools: [weatherSpec] },
      });
    });
  });

  describe("guardrail", () => {
    const guardrail = { guardrailIdentifier: "gr-1", guardrailVersion: "2", trace: "enabled" as const, streamProcessingMode: "async" as const };
    it("ConverseStream gets streamProcessingMode", () => {
      expect(wire({ messages: hello, guardrail }, CLAUDE_46, true)).toMatchObject({ guardrailConfig: { guardrailIdentifier: "gr-1", guardrailVersion: "2", trace: "enabled", streamProcessingMode: "async" } });
    });
    it("Converse does not", () => {
      expect((wire({ messages: hello, guardrail }) as { guardrailConfig: unknown }).guardrailConfig).toStrictEqual({ guardrailIdentifier: "gr-1", guardrailVersion: "2", trace: "enabled" });
    });
  });

  describe("reasoning", () => {
    it("Claude 4.6: adaptive thinking; temperature and a low topP are left out", () => {
      expect(wire({ messages: hello, reasoning: "high", temperature: 0.3, topP: 0.5, maxTokens: 4000 }, CLAUDE_46)).toStrictEqual({
        messages: [{ role: "user", content: [{ text: "hello" }] }],
        inferenceConfig: { maxTokens: 4000 },
        additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "high" } },
      });
    });

    it("older Claude: budget_tokens with maxTokens above it; temperature 1 and topP ≥ 0.95 kept", () => {
      expect(wire({ messages: hello, reasoning: "medium", maxTokens: 1000, temperature: 1, topP: 0.97 }, CLAUDE_4)).toStrictEqual({
        messages: [{ role: "user", content: [{ text: "hello" }] }],
        inferenceConfig: { maxTokens: 9192, temperature: 1, topP: 0.97 },
        additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 8192 } },
      });
    });

    it("Nova 2: reasoningConfig; high drops maxTokens, temperature and topP", () => {
      expect(wire({ messages: hello, reasoning: "low", maxTokens: 500, temperature: 0.5 }, NOVA_2)).toStrictEqual({
        messages: [{ role: "user", content: [{ text: "hello" }] }],
        inferenceConfig: { maxTokens: 500, temperature: 0.5 },
        additionalModelRequestFields: { reasoningConfig: { type: "enabled", maxReasoningEffort: "low" } },
      });
      expect(wire({ messages: hello, reasoning: "high", maxTokens: 500, temperature: 0.5, stopSequences: ["x"] }, NOVA_2)).toStrictEqual({
        messages: [{ role: "user", content: [{ text: "hello" }] }],
        inferenceConfig: { stopSequences: ["x"] },
        additionalModelRequestFields: { reasoningConfig: { type: "enabled", maxReasoningEffort: "high" } },
      });
    });

    it("gpt-oss: reasoning_effort; DeepSeek: nothing", () => {
      expect(wire({ messages: hello, reasoning: "medium" }, GPT_OSS)).toStrictEqual({ messages: [{ role: "user", content: [{ text: "hello" }] }], additionalModelRequestFields: { reasoning_effort: "medium" } });
      expect(wire({ messages: hello, reasoning: "medium", temperature: 0.6 }, DEEPSEEK_R1)).toStrictEqual({ messages: [{ role: "user", content: [{ text: "hello" }] }], inferenceConfig: { temperature: 0.6 } });
    });

    it("the caller's additionalModelRequestFields win, and their thinking counts as thinking", () => {
      expect(wire({ messages: hello, reasoning: "low", temperature: 0.3, additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 3000 } } }, CLAUDE_45)).toStrictEqual({
        messages: [{ role: "user", content: [{ text: "hello" }] }],
        inferenceConfig: { maxTokens: 10240 },
        additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 3000 } },
      });
      expect(wire({ messages: hello, temperature: 0.3, additionalModelRequestFields: { thinking: { type: "adaptive" } } }, CLAUDE_46)).toStrictEqual({
        messages: [{ role: "user", content: [{ text: "hello" }] }],
        additionalModelRequestFields: { thinking: { type: "adaptive" } },
      });
    });

    it("a forced tool turns Claude thinking off and keeps temperature", () => {
      expect(wire({ messages: hello, tools: [weather], toolChoice: "any", reasoning: "high", temperature: 0.2 }, CLAUDE_46)).toStrictEqual({
        messages: [{ role: "user", content: [{ text: "hello" }] }],
        inferenceConfig: { temperature: 0.2 },
        toolConfig: { tools: [weatherSpec], toolChoice: { any: {} } },
      });
    });
  });

  describe("sampling parameters a model would reject", () => {
    const request: StreamRequest = { messages: hello, temperature: 0.4, topP: 0.8 };
    it("Claude Opus 4.7+: neither temperature nor topP", () => {
      expect(wire(request, CLAUDE_47)).toStrictEqual({ messages: [{ role: "user", content: [{ text: "hello" }] }] });
      expect(wire({ ...request, maxTokens: 100 }, CLAUDE_47)).toStrictEqual({ messages: [{ role: "user", content: [{ text: "hello" }] }], inferenceConfig: { maxTokens: 100 } });
    });
    it("Claude 4.1 – 4.6: temperature or topP, not both (temperature kept)", () => {
      expect(wire(request, CLAUDE_45)).toMatchObject({ inferenceConfig: { temperature: 0.4 } });
      expect((wire(request, CLAUDE_46) as { inferenceConfig: unknown }).inferenceConfig).toStrictEqual({ temperature: 0.4 });
      expect((wire({ messages: hello, topP: 0.8 }, CLAUDE_46) as { inferenceConfig: unknown }).inferenceConfig).toStrictEqual({ topP: 0.8 });
    });
    it("older Claude and other models: both", () => {
      for (const model of [CLAUDE_4, CLAUDE_37, NOVA_2, LLAMA]) {
        expect((wire(request, model) as { inferenceConfig: unknown }).inferenceConfig).toStrictEqual({ temperature: 0.4, topP: 0.8 });
      }
    });
  });

  describe("prompt caching", () => {
    const request: StreamRequest = {
      system: "You are helpful.",
      messages: [
        { role: "user", content: "first" },
        { role: "assistant", content: [{ type: "text", text: "ok" }] },
        { role: "user", content: "second" },
      ],
    };
    const cached = (cachePoint: Record<string, string>) => ({
      messages: [
        { role: "user", content: [{ text: "first" }] },
        { role: "assistant", content: [{ text: "ok" }] },
        { role: "user", content: [{ text: "second" }, { cachePoint }] },
      ],
      system: [{ text: "You are helpful." }, { cachePoint }],
    });
    const uncached = {
      messages: [
        { role: "user", content: [{ text: "first" }] },
        { role: "assistant", content: [{ text: "ok" }] },
        { role: "user", content: [{ text: "second" }] },
      ],
      system: [{ text: "You are helpful." }],
    };

    it("short: default cache points after the system prompt and on the last user message", () => {
      expect(wire({ ...request, cache: "short" }, CLAUDE_46)).toStrictEqual(cached({ type: "default" }));
      expect(wire({ ...request, cache: "short" }, NOVA_2)).toStrictEqual(cached({ type: "default" }));
    });

    it("long: ttl 1h where the model takes it (Claude 4.5 and later), else 5 minutes", () => {
      expect(wire({ ...request, cache: "long" }, CLAUDE_46)).toStrictEqual(cached({ type: "default", ttl: "1h" }));
      expect(wire({ ...request, cache: "long" }, CLAUDE_37)).toStrictEqual(cached({ type: "default" }));
    });

    it("none or unset: no cache points", () => {
      expect(wire({ ...request, cache: "none" }, CLAUDE_46)).toStrictEqual(uncached);
      expect(wire(request, CLAUDE_46)).toStrictEqual(uncached);
    });

    it("off for models not known to accept cache points, unless forced", () => {
      expect(wire({ ...request, cache: "short" }, LLAMA)).toStrictEqual(uncached);
      expect(wire({ ...request, cache: "short" }, testModel("anthropic.claude-3-haiku-20240307-v1:0"))).toStrictEqual(uncached);
      expect(wire({ ...request, cache: "long", forceCache: true }, LLAMA)).toStrictEqual(cached({ type: "default", ttl: "1h" }));
      expect(wire({ ...request, forceCache: true }, LLAMA)).toStrictEqual(cached({ type: "default" }));
    });

    it("model.supportsCaching decides before the known list; forceCache false always wins", () => {
      expect(wire({ ...request, cache: "short" }, { ...LLAMA, supportsCaching: true })).toStrictEqual(cached({ type: "default" }));
      expect(wire({ ...request, cache: "short" }, { ...CLAUDE_46, supportsCaching: false })).toStrictEqual(uncached);
      expect(wire({ ...request, cache: "short", forceCache: false }, CLAUDE_46)).toStrictEqual(uncached);
    });

    it("the last user message may be a tool-result message", () => {
      const body = wire(
        {
          messages: [
            { role: "user", content: "go" },
            { role: "assistant", content: [{ type: "toolCall", id: "t1", name: "get_weather", arguments: {} }] },
            { role: "toolResult", toolCallId: "t1", toolName: "get_weather", content: "18C" },
          ],
          tools: [weather],
          cache: "short",
        },
        CLAUDE_46,
      ) as { messages: unknown[]; system?: unknown };
      expect(body.system).toBeUndefined();
      expect(body.messages[2]).toStrictEqual({ role: "user", content: [{ toolResult: { toolUseId: "t1", content: [{ text: "18C" }] } }, { cachePoint: { type: "default" } }] });
    });
  });

  it("does not modify the request", () => {
    const request: StreamRequest = { system: ["s"], messages: [{ role: "user", content: [{ type: "text", text: "a" }] }], cache: "short", requestMetadata: { a: "b" } };
    const copy = structuredClone(request);
    buildConverseBody(request, CLAUDE_46);
    buildConverseBody(request, CLAUDE_46);
    expect(request).toStrictEqual(copy);
  });

  it.each<[string, Partial<StreamRequest>, string]>([
    ["empty messages", { messages: [] }, "messages"],
    ["temperature above 1", { temperature: 1.5 }, "temperature"],
    ["negative temperature", { temperature: -0.1 }, "temperature"],
    ["topP that is not a number", { topP: "0.9" as unknown as number }, "topP"],
    ["maxTokens 0", { maxTokens: 0 }, "maxTokens"],
    ["fractional maxTokens", { maxTokens: 10.5 }, "maxTokens"],
    ["stopSequences that are not an array", { stopSequences: "END" as unknown as string[] }, "stopSequences"],
    ["an empty stop sequence", { stopSequences: ["a", ""] }, "stopSequences[1]"],
    ["a system entry that is not a string", { system: ["a", 3 as unknown as string] }, "system[1]"],
    ["an unknown cache retention", { cache: "forever" as "long" }, "cache"],
    ["a non-boolean forceCache", { forceCache: "yes" as unknown as boolean }, "forceCache"],
    ["a toolChoice naming an unknown tool", { tools: [weather], toolChoice: { tool: "nope" } }, "toolChoice.tool"],
    ["a bad tool schema", { tools: [{ name: "t", parameters: { type: "string" } }] }, "tools[0].parameters.type"],
    ["additionalModelRequestFields that are not an object", { additionalModelRequestFields: [] as unknown as Record<string, unknown> }, "additionalModelRequestFields"],
    ["a guardrail without version", { guardrail: { guardrailIdentifier: "g" } as never }, "guardrail.guardrailVersion"],
    ["a guardrail with a bad trace", { guardrail: { guardrailIdentifier: "g", guardrailVersion: "1", trace: "on" } as never }, "guardrail.trace"],
    ["a guardrail with a bad stream mode", { guardrail: { guardrailIdentifier: "g", guardrailVersion: "1", streamProcessingMode: "fast" } as never }, "guardrail.streamProcessingMode"],
    ["requestMetadata with a non-string value", { requestMetadata: { a: 1 } as unknown as Record<string, string> }, "requestMetadata.a"],
    ["requestMetadata with 17 entries", { requestMetadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) }, "requestMetadata"],
    ["an unknown performanceConfig latency", { performanceConfig: { latency: "fast" } as never }, "performanceConfig.latency"],
    ["an unknown reasoning level", { reasoning: "extreme" as never }, "reasoning"],
  ])("rejects %s", (_, patch, path) => {
    expect(catchInvalid(() => buildConverseBody({ messages: hello, ...patch }, CLAUDE_46)).path).toBe(path);
  });

  it("rejects a missing model or request", () => {
    expect(catchInvalid(() => buildConverseBody({ messages: hello }, { id: "" } as Model)).path).toBe("model");
    expect(catchInvalid(() => buildConverseBody(null as unknown as StreamRequest, CLAUDE_46)).path).toBe("request");
  });

  it("error messages say what to do", () => {
    expect.assertions(3);
    try {
      buildConverseBody({ messages: [{ role: "user", content: [{ type: "image", mimeType: "image/bmp", data: "AQID" }] }] }, CLAUDE_46);
    } catch (e) {
      expect((e as Error).message).toBe(
        "messages[0].content[0].mimeType: image type \"image/bmp\" is not one Bedrock accepts. Use image/jpeg, image/png, image/gif or image/webp (convert other formats first).",
      );
      expect((e as InvalidRequestError).code).toBe("InvalidRequest");
      expect((e as InvalidRequestError).retryable).toBe(false);
    }
  });
});

it("ConverseBody is assignable to Record<string, unknown>", () => {
  const body: Record<string, unknown> = buildConverseBody({ messages: hello }, CLAUDE_46);
  expect(Object.keys(body)).toEqual(["messages"]);
});
