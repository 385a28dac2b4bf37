/**
 * The README's first command. Starts the local Bedrock emulator in this process, streams a chat from
 * it to the terminal as it arrives, lists the discovered models, and says how to use real Bedrock.
 */
import { withBedrock } from "./with-bedrock.js";

// On the emulator the demo never leaves this machine: the loopback guard every test runs under
// refuses any other connection (the EC2 instance metadata service at 169.254.169.254 included).
if (process.env.STREAMBED_EXAMPLES_USE_AWS !== "1") await import("../scripts/test-guard/loopback-guard.mjs");

const DEMO_REPLY =
  "streambed streams Amazon Bedrock models through the Converse API. It signs requests with SigV4 " +
  "(or a Bedrock API key), decodes the AWS event stream by hand, and hands you normalised events: " +
  "text, reasoning, tool calls, usage and a final message. This reply came from the local emulator, " +
  "streamed token by token exactly as Bedrock frames it.";

const { bedrock, close, usingEmulator } = await withBedrock(
  {},
  { tokensPerSecond: 60, script: (request) => (request.operation === "converse-stream" ? { text: DEMO_REPLY } : undefined) },
);

const say = (s: string) => process.stdout.write(s);
try {
  say(
    usingEmulator
      ? `streambed demo — using the LOCAL Bedrock emulator on 127.0.0.1 (no AWS account needed)\n\n`
      : `streambed demo — using real Amazon Bedrock (STREAMBED_EXAMPLES_USE_AWS=1)\n\n`,
  );
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
  if (usingEmulator) say(
    `\nThat was the local emulator. To use real Amazon Bedrock, set credentials and a region, e.g.\n` +
      `  export AWS_BEARER_TOKEN_BEDROCK=…   (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)\n` +
      `  export AWS_REGION=us-east-1\n` +
      `and call createBedrock() without endpoint/credentials options. See docs/getting-started.md.\n`,
  );
} finally {
  await close();
}
