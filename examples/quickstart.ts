/** Stream one reply to the terminal. Run: npx tsx examples/quickstart.ts */
import { withBedrock } from "./with-bedrock.js";

const { bedrock, model, close } = await withBedrock();
try {
  for await (const ev of bedrock.stream({
    model,
    system: "You are concise.",
    messages: [{ role: "user", content: "Say hello to streambed in one sentence." }],
    maxTokens: 200,
  })) {
    if (ev.type === "text_delta") process.stdout.write(ev.delta);
    if (ev.type === "done") {
      const u = ev.message.usage;
      process.stdout.write(`\n\n[stop: ${ev.reason}; tokens in ${u?.input ?? 0}, out ${u?.output ?? 0}; cost $${(u?.cost?.total ?? 0).toFixed(6)}]\n`);
    }
  }
} finally {
  await close();
}
