/**
 * The README's first command. Starts the local Bedrock emulator in this process, streams a chat from
 * it to the terminal as it arrives, lists the discovered models, and says how to use real Bedrock.
 */
import { DEMO_CREDENTIALS, startEmulator } from "@streambed/emulator";
import { createBedrock } from "streambed";

const DEMO_REPLY =
  "streambed streams Amazon Bedrock models through the Converse API. It signs requests with SigV4 " +
  "(or a Bedrock API key), decodes the AWS event stream by hand, and hands you normalised events: " +
  "text, reasoning, tool calls, usage and a final message. This reply came from the local emulator, " +
  "streamed token by token exactly as Bedrock frames it.";

const emulator = await startEmulator({
  credentials: [DEMO_CREDENTIALS],
  tokensPerSecond: 60,
  script: (request) => (request.operation === "converse-stream" ? { text: DEMO_REPLY } : undefined),
});
const bedrock = createBedrock({
  region: "us-east-1",
  endpoint: emulator.url,
  controlPlaneEndpoint: emulator.url,
  credentials: DEMO_CREDENTIALS,
  config: false,
  discoveryCache: "memory",
});

const say = (s: string) => process.stdout.write(s);
try {
  say(`streambed demo — using the LOCAL Bedrock emulator at ${emulator.url} (no AWS account needed)\n\n`);
  const model = "us.anthropic.claude-sonnet-4-6";
  say(`> ${model}: "Tell me about streambed."\n`);
  for await (const ev of bedrock.stream({
    model,
    messages: [{ role: "user", content: "Tell me about streambed." }],
    maxTokens: 120,
  })) {
    if (ev.type === "text_delta") say(ev.delta);
    if (ev.type === "done") {
      const u = ev.message.usage;
      say(`\n[${ev.reason}; ${u?.input ?? 0} tokens in, ${u?.output ?? 0} out]\n\n`);
    }
  }
  const { models, discovery } = await bedrock.models.listing();
  say(`Discovered ${models.length} streaming text models (discovery: ${discovery.source}):\n`);
  for (const m of models.slice(0, 12)) say(`  ${m.key}\n`);
  if (models.length > 12) say(`  … and ${models.length - 12} more\n`);
  say(
    `\nThat was the local emulator. To use real Amazon Bedrock, set credentials and a region, e.g.\n` +
      `  export AWS_BEARER_TOKEN_BEDROCK=…   (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)\n` +
      `  export AWS_REGION=us-east-1\n` +
      `and call createBedrock() without endpoint/credentials options. See docs/getting-started.md.\n`,
  );
} finally {
  await bedrock.close();
  await emulator.close();
}
