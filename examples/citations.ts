/**
 * A document with citations: the answer says which passages it rests on, as typed `citation`
 * events (and on the final message). Run: npx tsx examples/citations.ts
 */
import { withBedrock } from "./with-bedrock.js";

const notes = "Rivers flow to the sea. Lakes mostly do not: they are fed by rivers and drained by them.";

const { bedrock, model, close } = await withBedrock();
try {
  for await (const ev of bedrock.stream({
    model,
    maxTokens: 300,
    messages: [
      {
        role: "user",
        content: [
          { type: "document", name: "notes.txt", format: "txt", data: new TextEncoder().encode(notes), citations: true },
          { type: "text", text: "Where do rivers flow?" },
        ],
      },
    ],
  })) {
    if (ev.type === "text_delta") process.stdout.write(ev.delta);
    if (ev.type === "citation") {
      const at = ev.citation.location;
      const where = at && at.type !== "web" ? ` (document ${at.documentIndex}, ${at.type} ${at.start}–${at.end})` : "";
      process.stdout.write(`\n[cites "${ev.citation.title}": "${ev.citation.sourceText}"${where}]`);
    }
    if (ev.type === "done") {
      const cited = ev.message.content.flatMap((b) => (b.type === "text" ? (b.citations ?? []) : []));
      process.stdout.write(`\n[${cited.length} citation(s) kept on the final message]\n`);
    }
  }
} finally {
  await close();
}
