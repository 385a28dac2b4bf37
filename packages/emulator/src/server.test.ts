import { decodeEventStream, type EventStreamDecodeError } from "@streambed/transport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converseBody, readFrames, signedRequest, textOf, TEST_KEYS, type Frame } from "../test/helpers.js";
import { startEmulator, type RunningEmulator } from "./server.js";

const SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [TEST_KEYS] });
});
afterAll(() => emulator.close());

const modelUrl = (action: string, model = SONNET) => `${emulator.url}/model/${encodeURIComponent(model)}/${action}`;
const signed = (url: string, body?: string, headers: Record<string, string> = {}) =>
  signedRequest(url, { ...(body ? { body } : {}), headers });

describe("startEmulator (loopback, node:http + fetch)", () => {
  it("listens on 127.0.0.1 and serves ConverseStream frames with Bedrock headers", async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(await signed(modelUrl("converse-stream"), converseBody("over the loopback")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.amazon.eventstream");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const frames = await readFrames(response);
    expect(textOf(frames)).toBe("over the loopback");
    expect(frames.at(-1)!.type).toBe("metadata");
  });

  it("serves Converse, ListFoundationModels and ListInferenceProfiles", async () => {
    const converse = await fetch(await signed(modelUrl("converse"), converseBody("json please")));
    expect(((await converse.json()) as any).output.message.content[0].text).toBe("json please");
    const models = await fetch(await signed(`${emulator.url}/foundation-models?byProvider=Amazon`));
    const summaries = ((await models.json()) as { modelSummaries: Array<{ providerName: string }> }).modelSummaries;
    expect(summaries.length).toBeGreaterThan(3);
    expect(summaries.every((m) => m.providerName === "Amazon")).toBe(true);
    const profiles = await fetch(await signed(`${emulator.url}/inference-profiles?maxResults=2`));
    const page = (await profiles.json()) as { inferenceProfileSummaries: unknown[]; nextToken?: string };
    expect(page.inferenceProfileSummaries).toHaveLength(2);
    expect(page.nextToken).toBeTruthy();
  });

  it("validates bodies by default and accepts them with startEmulator({ validate: false })", async () => {
    const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "blank next" }, { text: " " }] }] });
    const strict = await fetch(await signed(modelUrl("converse"), body));
    expect(strict.status).toBe(400);
    expect(strict.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("ValidationException");
    expect(await strict.json()).toEqual({ message: "The text field in the ContentBlock object at messages.0.content.1 is blank. Add text to the text field, and try again." });
    const lenient = await startEmulator({ validate: false });
    try {
      const response = await fetch(`${lenient.url}/model/${encodeURIComponent(SONNET)}/converse`, { method: "POST", body });
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).output.message.content[0].text.trim()).toBe("blank next");
    } finally {
      await lenient.close();
    }
  });

  it("rejects a wrong secret with 403 InvalidSignatureException", async () => {
    const response = await fetch(
      await signedRequest(modelUrl("converse"), { body: converseBody("x"), credentials: { ...TEST_KEYS, secretAccessKey: "wrong" } }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("InvalidSignatureException");
  });

  it("answers unknown routes with 404 UnknownOperationException and records every request", async () => {
    const before = emulator.requests.length;
    const response = await fetch(`${emulator.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-errortype")!.split(":")[0]).toBe("UnknownOperationException");
    expect(await response.json()).toEqual({ Output: { __type: "com.amazon.coral.service#UnknownOperationException", message: null }, Version: "1.0" });
    await fetch(await signed(modelUrl("converse"), converseBody("recorded")));
    const recorded = emulator.requests.slice(before);
    expect(recorded.map((r) => r.operation)).toEqual(["unknown", "converse"]);
    expect(recorded[1]).toMatchObject({ status: 200, auth: { scheme: "sigv4", verified: true, accessKeyId: "****0001" } });
  });

  it("delivers frames as they are produced: text arrives while the server is still stalled", async () => {
    const response = await fetch(await signed(modelUrl("converse-stream"), converseBody("x"), { "x-streambed-emulator-fault": "stall:60" }));
    const reader = response.body!.getReader();
    async function* chunks() {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    }
    const frames = decodeEventStream(chunks())[Symbol.asyncIterator]();
    const seen: string[] = [];
    for (;;) {
      const { value } = await frames.next();
      const type = value!.headers[":event-type"]!.value as string;
      seen.push(type);
      if (type === "contentBlockDelta") break;
    }
    expect(seen).toEqual(["messageStart", "contentBlockDelta"]);
    // The server now waits 60 s before the next frame: the next read stays pending.
    let settled = false;
    void frames.next().then(() => (settled = true), () => (settled = true));
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    await reader.cancel();
  });

  it.each([
    ["bad-prelude-crc", "prelude-crc"],
    ["bad-message-crc", "message-crc"],
    ["truncated", "truncated"],
  ])("%s reaches the client as %s", async (fault, reason) => {
    const response = await fetch(await signed(modelUrl("converse-stream"), converseBody("words before"), { "x-streambed-emulator-fault": fault }));
    const error = await readFrames(response).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as EventStreamDecodeError).reason).toBe(reason);
  });

  it.each(["throttlingException", "internalServerException", "modelStreamErrorException", "validationException", "serviceUnavailableException"])(
    "%s exception frame over the loopback",
    async (exception) => {
      const response = await fetch(await signed(modelUrl("converse-stream"), converseBody("some text"), { "x-streambed-emulator-fault": exception }));
      const frames = await readFrames(response);
      expect(frames.at(-1)).toMatchObject({ messageType: "exception", type: exception });
    },
  );

  it("error-frame, throttle, 500, 503 and 403 over the loopback", async () => {
    const errorFrame = await readFrames(await fetch(await signed(modelUrl("converse-stream"), converseBody("t"), { "x-streambed-emulator-fault": "error-frame" })));
    expect(errorFrame.at(-1)!.messageType).toBe("error");
    for (const [fault, status] of [["throttle", 429], ["500", 500], ["503", 503], ["403", 403]] as const) {
      const response = await fetch(await signed(modelUrl("converse-stream"), converseBody("t"), { "x-streambed-emulator-fault": fault }));
      expect(response.status).toBe(status);
    }
  });

  it("reset destroys the socket before any response; reset-mid after some frames", async () => {
    await expect(fetch(await signed(modelUrl("converse-stream"), converseBody("t"), { "x-streambed-emulator-fault": "reset" }))).rejects.toThrow();
    const response = await fetch(await signed(modelUrl("converse-stream"), converseBody("several words here"), { "x-streambed-emulator-fault": "reset-mid" }));
    expect(response.status).toBe(200);
    const frames: Frame[] = [];
    await expect(readFrames(response, frames)).rejects.toThrow();
    expect(textOf(frames).length).toBeGreaterThan(0);
    expect(emulator.requests.at(-1)!.status).toBe(200);
  });

  it("close() ends open streams and frees the port", async () => {
    const other = await startEmulator({ tokensPerSecond: 1 });
    const response = await fetch(`${other.url}/model/${encodeURIComponent(SONNET)}/converse-stream`, {
      method: "POST",
      body: converseBody("slow stream that never finishes in time"),
    });
    const reader = response.body!.getReader();
    await reader.read();
    await other.close();
    await expect((async () => { for (;;) if ((await reader.read()).done) return; })()).rejects.toThrow();
  });
});
