import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BadRequestError } from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type GatewayHarness } from "../test-support/gateway-harness.js";

const MODEL = "us.anthropic.claude-sonnet-4-6";
// A 1×1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const WEATHER: ChatCompletionTool = {
  type: "function",
  function: { name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};
const TIME: ChatCompletionTool = { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { zone: { type: "string" } } } } };

/** Two tool calls in one turn, as Claude streams them. */
const PARALLEL = [
  { messageStart: { role: "assistant" } },
  { contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId: "tooluse_a1", name: "get_weather" } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"city":' } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '"Paris"}' } } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: "tooluse_b2", name: "get_time" } } } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"zone":"CET"}' } } } },
  { contentBlockStop: { contentBlockIndex: 1 } },
  { messageStop: { stopReason: "tool_use" } },
  { metadata: { usage: { inputTokens: 30, outputTokens: 12, totalTokens: 42 }, metrics: { latencyMs: 5 } } },
];

/** An answer whose stream has no metadata event: Bedrock reported no usage. */
const NO_USAGE = [
  { messageStart: { role: "assistant" } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "no counts" } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: "end_turn" } },
];

let h: GatewayHarness;
let images: Server;
let imagesUrl: string;

beforeAll(async () => {
  h = await startHarness({
    emulator: {
      script: (info) => {
        if (info.lastUserText === "weather and time please") return { events: PARALLEL };
        if (info.lastUserText === "think first") return { reasoning: "Let me think about it.", text: "Thought it through." };
        if (info.lastUserText === "no usage please") return { events: NO_USAGE };
        if (info.lastUserText === "refuse please") return { text: "I can't help with that.", stopReason: "refusal" };
        return undefined;
      },
    },
    gateway: { remoteImages: { maxBytes: 1024, timeoutMs: 500 } },
  });
  images = createServer((req, res) => {
    if (req.url === "/cat.png") res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(PNG, "base64"));
    else if (req.url === "/huge.png") res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(5000));
    else if (req.url === "/page.html") res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    else if (req.url === "/slow.png") setTimeout(() => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(PNG, "base64")), 3000);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});
afterAll(async () => {
  images?.closeAllConnections();
  await new Promise((resolve) => images?.close(resolve));
  await h?.close();
});

describe("tools", () => {
  it("round-trips a tool call: streamed arguments, tool result, the model's answer", async () => {
    const client = h.openai();
    const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "use the get_weather tool for Paris" }];
    const stream = await client.chat.completions.create({ model: MODEL, messages, tools: [WEATHER], stream: true });
    const calls: Array<{ id: string; name: string; arguments: string }> = [];
    let finish: string | null = null;
    let pieces = 0;
    for await (const chunk of stream) {
      for (const d of chunk.choices[0]?.delta.tool_calls ?? []) {
        if (d.id) calls[d.index] = { id: d.id, name: d.function!.name!, arguments: "" };
        if (d.function?.arguments) {
          calls[d.index]!.arguments += d.function.arguments;
          pieces++;
        }
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe("tool_calls");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.name).toBe("get_weather");
    expect(pieces).toBeGreaterThan(0);
    expect(JSON.parse(calls[0]!.arguments)).toHaveProperty("city");
    messages.push({ role: "assistant", content: null, tool_calls: [{ id: calls[0]!.id, type: "function", function: { name: "get_weather", arguments: calls[0]!.arguments } }] });
    messages.push({ role: "tool", tool_call_id: calls[0]!.id, content: "18 degrees and sunny" });
    const answer = await client.chat.completions.create({ model: MODEL, messages, tools: [WEATHER] });
    expect(answer.choices[0]!.message.content).toBe(`Tool ${calls[0]!.id} returned: 18 degrees and sunny`);
    expect(answer.choices[0]!.finish_reason).toBe("stop");
    const sent = JSON.parse(h.emulator.requests.at(-1)!.body);
    expect(sent.messages[2].content[0].toolResult).toMatchObject({ toolUseId: calls[0]!.id, content: [{ text: "18 degrees and sunny" }] });
  });

  it("streams parallel tool calls with their own index, id and argument pieces; non-streaming lists both", async () => {
    const client = h.openai();
    const request = { model: MODEL, messages: [{ role: "user" as const, content: "weather and time please" }], tools: [WEATHER, TIME] };
    const stream = await client.chat.completions.create({ ...request, stream: true });
    const args: string[] = [];
    const ids: string[] = [];
    for await (const chunk of stream) {
      for (const d of chunk.choices[0]?.delta.tool_calls ?? []) {
        if (d.id) ids[d.index] = d.id;
        args[d.index] = (args[d.index] ?? "") + (d.function?.arguments ?? "");
      }
    }
    expect(ids).toEqual(["tooluse_a1", "tooluse_b2"]);
    expect(args).toEqual(['{"city":"Paris"}', '{"zone":"CET"}']);
    const whole = await client.chat.completions.create(request);
    expect(whole.choices[0]!.finish_reason).toBe("tool_calls");
    expect(whole.choices[0]!.message.content).toBeNull();
    expect(whole.choices[0]!.message.tool_calls).toEqual([
      { id: "tooluse_a1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
      { id: "tooluse_b2", type: "function", function: { name: "get_time", arguments: '{"zone":"CET"}' } },
    ]);
    expect(whole.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 });
  });

  it("maps tool_choice required and a named function; refuses parallel_tool_calls false and a tool result for no call", async () => {
    const client = h.openai();
    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], tools: [WEATHER, TIME], tool_choice: "required" });
    expect(JSON.parse(h.emulator.requests.at(-1)!.body).toolConfig.toolChoice).toEqual({ any: {} });
    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], tools: [WEATHER, TIME], tool_choice: { type: "function", function: { name: "get_time" } } });
    expect(JSON.parse(h.emulator.requests.at(-1)!.body).toolConfig.toolChoice).toEqual({ tool: { name: "get_time" } });
    const parallel = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], tools: [WEATHER], parallel_tool_calls: false }).catch((e: unknown) => e);
    expect((parallel as BadRequestError).param).toBe("parallel_tool_calls");
    const orphan = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }, { role: "tool", tool_call_id: "call_x", content: "r" }] }).catch((e: unknown) => e);
    expect((orphan as BadRequestError).param).toBe("messages[1].tool_call_id");
  });
});

describe("stop reasons and usage Bedrock did not report", () => {
  it("maps refusal to content_filter, streaming and not", async () => {
    const whole = await h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "refuse please" }] });
    expect(whole.choices[0]!.finish_reason).toBe("content_filter");
    const stream = await h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "refuse please" }], stream: true });
    let finish: string | null = null;
    for await (const c of stream) finish = c.choices[0]?.finish_reason ?? finish;
    expect(finish).toBe("content_filter");
  });

  it("sends no usage (never zeros) when Bedrock reported none", async () => {
    const stream = await h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "no usage please" }], stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("no counts");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: null });
  });
});

describe("reasoning", () => {
  it("reasoning_effort turns streambed reasoning on; reasoning text arrives as reasoning_content", async () => {
    const client = h.openai();
    const stream = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "think first" }], reasoning_effort: "low", max_completion_tokens: 4000, stream: true });
    let reasoning = "";
    let text = "";
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? "";
      text += delta?.content ?? "";
    }
    expect(reasoning).toBe("Let me think about it.");
    expect(text).toBe("Thought it through.");
    const sent = JSON.parse(h.emulator.requests.at(-1)!.body);
    expect(sent.additionalModelRequestFields.thinking).toMatchObject({ type: expect.stringMatching(/enabled|adaptive/) });
    const whole = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "think first" }], reasoning_effort: "low", max_completion_tokens: 4000 });
    expect((whole.choices[0]!.message as { reasoning_content?: string }).reasoning_content).toBe("Let me think about it.");
    expect(whole.choices[0]!.message.content).toBe("Thought it through.");
  });
});

describe("images", () => {
  const ask = (url: string) =>
    h.openai().chat.completions.create({ model: MODEL, messages: [{ role: "user", content: [{ type: "text", text: "what is this" }, { type: "image_url", image_url: { url } }] }] });

  it("sends a data URL image to Bedrock as image bytes", async () => {
    const answer = await ask(`data:image/png;base64,${PNG}`);
    expect(answer.choices[0]!.message.content).toBe("what is this");
    const sent = JSON.parse(h.emulator.requests.at(-1)!.body);
    expect(sent.messages[0].content[1].image).toEqual({ format: "png", source: { bytes: PNG } });
  });

  it("fetches an http image when enabled, within its size and time limits and only for image types", async () => {
    await ask(`${imagesUrl}/cat.png`);
    expect(JSON.parse(h.emulator.requests.at(-1)!.body).messages[0].content[1].image).toEqual({ format: "png", source: { bytes: PNG } });
    for (const [path, code] of [["/huge.png", "image_too_large"], ["/page.html", "invalid_image_format"], ["/slow.png", "image_fetch_failed"], ["/missing.png", "image_fetch_failed"]] as const) {
      const error = await ask(`${imagesUrl}${path}`).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).code, path).toBe(code);
      expect((error as BadRequestError).param).toBe("messages[0].content[1].image_url.url");
    }
  });

  it("refuses remote images when not enabled, and other URL schemes", async () => {
    const plain = await startHarness();
    try {
      const error = await plain
        .openai()
        .chat.completions.create({ model: MODEL, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `${imagesUrl}/cat.png` } }] }] })
        .catch((e: unknown) => e);
      expect((error as BadRequestError).code).toBe("remote_image_refused");
      expect(plain.emulator.requests).toHaveLength(0);
    } finally {
      await plain.close();
    }
    const file = await ask("file:///etc/passwd").catch((e: unknown) => e);
    expect((file as BadRequestError).code).toBe("invalid_image_url");
  });
});
