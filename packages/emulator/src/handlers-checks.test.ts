import { EventStreamDecodeError } from "@streambed/transport";
import { describe, expect, it } from "vitest";
import { converseBody, readFrames, textOf, type Frame } from "../test/helpers.js";
import { createBedrockHandlers } from "./handlers.js";
import { CONTROL, setupMswEmulator, SONNET } from "./handlers.test-helper.js";

const { server, recorded, scriptOptions, post, stream, converse } = setupMswEmulator();

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
