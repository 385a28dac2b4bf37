/**
 * pi-ai's agent-style loop with streambed underneath: pi-ai's own `complete()` (after
 * `registerStreambedBedrock()`), TypeBox tools validated by pi-ai's `validateToolCall`, tool
 * results fed back, until the model answers without a call — three model turns and more.
 */
import { DEMO_CREDENTIALS, type ConverseRequestInfo, type Reply } from "@streambed/emulator";
import { complete, Type, validateToolCall, type Context, type Tool, type ToolResultMessage } from "@mariozechner/pi-ai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registerStreambedBedrock, unregisterStreambedBedrock } from "../src/index.js";
import { emulatorFor, useTestEnv } from "./harness.js";

const tools: Tool[] = [
  { name: "get_weather", description: "Current weather for a city", parameters: Type.Object({ city: Type.String() }) },
  { name: "convert_temperature", description: "Celsius to Fahrenheit", parameters: Type.Object({ celsius: Type.Number() }) },
];

/** The model's side: weather first, then a conversion, then the answer from both results. */
function script(info: ConverseRequestInfo): Reply | undefined {
  const results = (info.body.messages as Array<{ content: Array<Record<string, any>> }>)
    .flatMap((m) => m.content)
    .filter((block) => block.toolResult)
    .map((block) => block.toolResult.content[0].text as string);
  if (results.length === 0) return { text: "Checking the weather.", toolUse: { name: "get_weather", toolUseId: "tooluse_w1", input: { city: "Lyon" } } };
  if (results.length === 1) return { toolUse: { name: "convert_temperature", toolUseId: "tooluse_c1", input: { celsius: Number.parseFloat(results[0]!) } } };
  return { text: `It is ${results[0]} in Lyon, that is ${results[1]}.` };
}

function runTool(name: string, args: Record<string, unknown>): string {
  if (name === "get_weather") return `${args.city === "Lyon" ? 21 : 0}C`;
  return `${((args.celsius as number) * 9) / 5 + 32}F`;
}

let restoreEnv: () => void;
let setup: Awaited<ReturnType<typeof emulatorFor>>;

beforeAll(async () => {
  restoreEnv = useTestEnv();
  setup = await emulatorFor(script);
  registerStreambedBedrock({ bedrock: { config: false, discoveryCache: "memory", credentials: DEMO_CREDENTIALS } });
});

afterAll(async () => {
  await unregisterStreambedBedrock();
  await setup?.emulator.close();
  restoreEnv?.();
});

it("a tool-using conversation of three turns completes through pi-ai's complete()", async () => {
  const context: Context = { systemPrompt: "Use the tools.", messages: [{ role: "user", content: "How warm is it in Lyon, in Fahrenheit?", timestamp: Date.now() }], tools };
  let turns = 0;
  let cost = 0;
  for (;;) {
    const message = await complete(setup.model, context, { maxTokens: 512 });
    turns++;
    expect(message.errorMessage).toBeUndefined();
    cost += message.usage.cost.total;
    context.messages.push(message);
    if (message.stopReason !== "toolUse") break;
    for (const call of message.content.filter((block) => block.type === "toolCall")) {
      const args = validateToolCall(tools, call) as Record<string, unknown>;
      const result: ToolResultMessage = { role: "toolResult", toolCallId: call.id, toolName: call.name, content: [{ type: "text", text: runTool(call.name, args) }], isError: false, timestamp: Date.now() };
      context.messages.push(result);
    }
    expect(turns).toBeLessThan(6);
  }
  expect(turns).toBe(3);
  const last = context.messages.at(-1)!;
  expect(last.role === "assistant" && last.content).toEqual([{ type: "text", text: "It is 21C in Lyon, that is 69.8F." }]);
  expect(cost).toBeGreaterThan(0);
  // All three went through streambed (no AWS SDK headers), each with the whole history.
  const calls = setup.emulator.requests.filter((r) => r.operation === "converse-stream");
  expect(calls).toHaveLength(3);
  expect(calls.every((r) => r.headers["amz-sdk-invocation-id"] === undefined)).toBe(true);
  expect(JSON.parse(calls[2]!.body).messages).toHaveLength(5);
});
