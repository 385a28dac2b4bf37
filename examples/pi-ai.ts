/**
 * pi-ai with streambed underneath: pi-ai's own stream() and complete(), Bedrock through streambed.
 * Run: npx tsx examples/pi-ai.ts   (the local emulator; STREAMBED_EXAMPLES_USE_AWS=1 for real Bedrock)
 *
 * In an OpenClaw / pi host the switch is two lines, once at start-up:
 *   import { registerStreambedBedrock } from "@streambed/pi-ai";
 *   registerStreambedBedrock();
 */
import { complete, getModel, stream, type Context } from "@mariozechner/pi-ai";
import { DEMO_CREDENTIALS, startEmulator } from "@streambed/emulator";
import { discoverPiAiModels, registerStreambedBedrock, type StreambedPiAiOptions } from "@streambed/pi-ai";

const emulator = process.env.STREAMBED_EXAMPLES_USE_AWS === "1" ? undefined : await startEmulator({ credentials: [DEMO_CREDENTIALS] });
// On the emulator, streambed is told where it is; on AWS the environment says it (credentials, region).
const options: StreambedPiAiOptions = emulator
  ? { bedrock: { region: "us-east-1", endpoint: emulator.url, controlPlaneEndpoint: emulator.url, credentials: DEMO_CREDENTIALS, config: false, discoveryCache: "memory" } }
  : {};

const provider = registerStreambedBedrock(options); // from here on, pi-ai's Bedrock calls go through streambed
try {
  const model = getModel("amazon-bedrock", "us.anthropic.claude-sonnet-4-6");
  const context: Context = { systemPrompt: "You are concise.", messages: [{ role: "user", content: "Say hello to pi-ai in one sentence.", timestamp: Date.now() }] };

  // pi-ai's stream(): the same events as with its built-in provider.
  for await (const event of stream(model, context, { maxTokens: 200 })) {
    if (event.type === "text_delta") process.stdout.write(event.delta);
    if (event.type === "done") {
      const u = event.message.usage;
      process.stdout.write(`\n[pi-ai stream: ${event.reason}; tokens in ${u.input}, out ${u.output}; cost $${u.cost.total.toFixed(6)}]\n`);
    }
    if (event.type === "error") throw new Error(event.error.errorMessage);
  }

  // A tool call through pi-ai's complete().
  const weather: Context = {
    messages: [{ role: "user", content: "What is the weather in Paris? Use the get_weather tool.", timestamp: Date.now() }],
    tools: [{ name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } as never }],
  };
  const answer = await complete(model, weather, { maxTokens: 200 });
  for (const block of answer.content) if (block.type === "toolCall") console.log(`[pi-ai complete: tool ${block.name}(${JSON.stringify(block.arguments)})]`);

  // Discovery: the Bedrock models this account can call, as pi-ai Model objects.
  const models = await discoverPiAiModels(options);
  console.log(`[discovered ${models.length} Bedrock models for pi-ai, e.g. ${models[0]?.id} (context ${models[0]?.contextWindow})]`);
} finally {
  await provider.close();
  await emulator?.close();
}
