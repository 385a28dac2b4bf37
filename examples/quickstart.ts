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
      // `reason` is normalised ("refusal" and "other" are not normal ends); `rawReason` is Bedrock's own value.
      // Usage is `{ known: false }` when Bedrock reported none: unknown, not zero.
      const u = ev.message.usage;
      const usage = !u || u.known === false ? "usage not reported" : `tokens in ${u.input}, out ${u.output}; cost $${u.cost.total.toFixed(6)}`;
      process.stdout.write(`\n\n[stop: ${ev.reason} (${ev.rawReason ?? "no stop reason"}); ${usage}]\n`);
    }
  }
} finally {
  await close();
}
