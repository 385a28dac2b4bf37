/** Stream reasoning (extended thinking) and the answer separately. Run: npx tsx examples/reasoning.ts */
import { withBedrock } from "./with-bedrock.js";

const { bedrock, model, close } = await withBedrock();
try {
  let section = "";
  for await (const ev of bedrock.stream({
    model,
    reasoning: "medium",
    maxTokens: 4000,
    messages: [{ role: "user", content: "Is 1,001 a prime number? Think it through." }],
  })) {
    if (ev.type === "thinking_delta") {
      if (section !== "thinking") process.stdout.write((section = "thinking") && "\n[thinking]\n");
      process.stdout.write(ev.delta);
    } else if (ev.type === "text_delta") {
      if (section !== "answer") process.stdout.write((section = "answer") && "\n[answer]\n");
      process.stdout.write(ev.delta);
    } else if (ev.type === "done") {
      const thinking = ev.message.content.find((b) => b.type === "thinking");
      process.stdout.write(`\n\n[signature kept for the next turn: ${thinking && thinking.type === "thinking" && thinking.thinkingSignature ? "yes" : "no"}]\n`);
    }
  }
} finally {
  await close();
}
