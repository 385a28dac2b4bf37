/** List the models this account can stream (configured + discovered). Run: npx tsx examples/discovery.ts */
import { withBedrock } from "./with-bedrock.js";

const { bedrock, close } = await withBedrock();
try {
  const { models, discovery } = await bedrock.models.listing();
  console.log(`discovery: ${discovery.source}${discovery.reason ? ` (${discovery.reason})` : ""}`);
  for (const m of models) console.log(`${m.key.padEnd(58)} ${String(m.contextWindow).padStart(8)}  ${m.input.join("+")}`);
  console.log(`${models.length} models`);
} finally {
  await close();
}
