/**
 * The differential test (issue 18): every conversation runs through pi-ai's built-in Bedrock
 * provider (the AWS SDK) and through streambed (`registerStreambedBedrock()`), each against its
 * own emulator with the same script, by pi-ai's own `streamSimple()`. The event sequences (types
 * and payloads) and the final messages must be equal, ignoring `timestamp`, `responseId` and the
 * fields docs/pi-ai.md lists as different, each with its reason.
 */
import { getApiProvider, type AssistantMessage } from "@mariozechner/pi-ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerStreambedBedrock, unregisterStreambedBedrock } from "../src/index.js";
import { CONVERSATIONS, script } from "./conversations.js";
import { CHECKS } from "./conversation-checks.js";
import { BASE_MODEL, emulatorFor, normalise, runTurn, useTestEnv, type Turn } from "./harness.js";

let restoreEnv: () => void;
let builtin: Awaited<ReturnType<typeof emulatorFor>>;
let streambed: Awaited<ReturnType<typeof emulatorFor>>;

beforeAll(async () => {
  restoreEnv = useTestEnv();
  builtin = await emulatorFor(script);
  streambed = await emulatorFor(script);
});

afterAll(async () => {
  await unregisterStreambedBedrock();
  await builtin?.emulator.close();
  await streambed?.emulator.close();
  restoreEnv?.();
});

/**
 * The documented difference (docs/pi-ai.md): redacted reasoning. pi-ai's Bedrock provider drops
 * Bedrock's `redactedContent` (an empty thinking block, `thinkingSignature: ""`); streambed keeps
 * it as pi-ai's Anthropic provider does (`redacted: true`, the payload base64 in
 * `thinkingSignature`) so that it goes back to Claude next turn. Compared without those two fields.
 */
function withoutRedactedPayload(message: AssistantMessage): Record<string, unknown> {
  const copy = normalise(message) as { content: Array<Record<string, unknown>> };
  for (const block of copy.content) {
    if (block.type === "thinking" && (block.redacted === true || block.thinking === "")) {
      delete block.redacted;
      delete block.thinkingSignature;
    }
  }
  return copy;
}

/**
 * A request body as compared: pi-ai's provider sends `status: "success"` on every tool result
 * where streambed leaves Bedrock's default (success) out; streambed sends redacted reasoning back
 * (`redactedContent`) where pi-ai's provider drops it. Both are removed before comparing.
 */
function comparableBody(body: string): unknown {
  const json = JSON.parse(body) as { messages: Array<{ content: Array<Record<string, any>> }> };
  for (const message of json.messages) {
    message.content = message.content.filter((block) => !block.reasoningContent?.redactedContent);
    for (const block of message.content) if (block.toolResult?.status === "success") delete block.toolResult.status;
  }
  return json;
}

async function runBoth(name: string): Promise<{ viaSdk: Turn[]; viaStreambed: Turn[] }> {
  const conversation = CONVERSATIONS[name]!;
  const piAiOwn = getApiProvider("bedrock-converse-stream");
  const viaSdk = await conversation(builtin.model);
  registerStreambedBedrock({ bedrock: { config: false, discoveryCache: "memory" } });
  const ours = getApiProvider("bedrock-converse-stream");
  expect(ours).not.toBe(piAiOwn);
  let viaStreambed: Turn[];
  try {
    viaStreambed = await conversation(streambed.model);
  } finally {
    await unregisterStreambedBedrock();
  }
  // pi-ai's own is back (registered again, so a new wrapper object): the next conversation's
  // built-in run reaching the emulator through the AWS SDK (user agent) proves which one it is.
  const restored = getApiProvider("bedrock-converse-stream");
  expect(restored).toBeDefined();
  expect(restored).not.toBe(ours);
  return { viaSdk, viaStreambed };
}

describe("pi-ai's Bedrock provider and streambed answer the same", () => {
  for (const name of Object.keys(CONVERSATIONS)) {
    it(name, async () => {
      const sdkCalls = builtin.emulator.requests.length;
      const streambedCalls = streambed.emulator.requests.length;
      const { viaSdk, viaStreambed } = await runBoth(name);
      // What the conversation is about happened (both runs are equal, so one is checked).
      CHECKS[name]!(viaStreambed, streambed.emulator.requests.slice(streambedCalls).map((r) => r.body), builtin.emulator.requests.slice(sdkCalls).map((r) => r.body));
      expect(viaStreambed.length).toBe(viaSdk.length);
      for (let i = 0; i < viaSdk.length; i++) {
        expect(viaStreambed[i]!.events, `turn ${i + 1}: events`).toEqual(viaSdk[i]!.events);
        expect(withoutRedactedPayload(viaStreambed[i]!.message), `turn ${i + 1}: message`).toEqual(withoutRedactedPayload(viaSdk[i]!.message));
      }
      // Each went through its own client: the AWS SDK for one, streambed for the other.
      const sdkRequests = builtin.emulator.requests.slice(sdkCalls);
      const streambedRequests = streambed.emulator.requests.slice(streambedCalls);
      expect(sdkRequests.length).toBeGreaterThan(0);
      expect(streambedRequests.length).toBe(sdkRequests.length);
      for (const r of sdkRequests) expect(r.headers["x-amz-user-agent"]).toMatch(/^aws-sdk-js\//);
      for (const r of streambedRequests) expect(r.headers["x-amz-user-agent"]).toBeUndefined();
      // And the two sent the same Converse bodies, but for the documented differences.
      expect(streambedRequests.map((r) => comparableBody(r.body))).toEqual(sdkRequests.map((r) => comparableBody(r.body)));
    });
  }
});

describe("the endpoint variables", () => {
  it("a catalogue model (standard baseUrl) with AWS_REGION set goes to AWS_ENDPOINT_URL_BEDROCK_RUNTIME through either provider", async () => {
    const context = { messages: [{ role: "user" as const, content: "hello through the endpoint variable", timestamp: 0 }] };
    const sdkBefore = builtin.emulator.requests.length;
    const restoreSdk = useTestEnv({ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: builtin.emulator.url });
    const viaSdk = await runTurn(BASE_MODEL, context).finally(restoreSdk);
    const streambedBefore = streambed.emulator.requests.length;
    const restoreStreambed = useTestEnv({ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: streambed.emulator.url });
    registerStreambedBedrock({ bedrock: { config: false, discoveryCache: "memory" } });
    const viaStreambed = await runTurn(BASE_MODEL, context).finally(async () => {
      await unregisterStreambedBedrock();
      restoreStreambed();
    });
    expect(BASE_MODEL.baseUrl).toBe("https://bedrock-runtime.us-east-1.amazonaws.com");
    expect(builtin.emulator.requests.length).toBe(sdkBefore + 1);
    expect(streambed.emulator.requests.length).toBe(streambedBefore + 1);
    expect(viaStreambed.events).toEqual(viaSdk.events);
    expect(normalise(viaStreambed.message)).toEqual(normalise(viaSdk.message));
    expect(viaStreambed.message.content).toEqual([{ type: "text", text: "hello through the endpoint variable" }]);
  });
});
