/**
 * The request options of Bedrock's 2025–2026 Converse API: cache points where you want them (1-hour
 * ttl), a service tier, Anthropic beta flags, counting tokens before sending, and onPayload, the
 * last look at the exact body. Run: npx tsx examples/caching-and-tiers.ts
 */
import type { StreamRequest } from "streambed";
import { withBedrock } from "./with-bedrock.js";

const { bedrock, model, close } = await withBedrock();
try {
  const request: StreamRequest = {
    model,
    // Cache the stable part of the system prompt for an hour; the question below changes.
    system: ["You are a geography tutor. Answer in one short sentence.", { type: "cachePoint", ttl: "1h" }],
    messages: [{ role: "user", content: "Which river is the longest in Europe?" }],
    serviceTier: "flex", // cheaper, may be slower
    anthropicBeta: ["context-1m-2025-08-07"],
    maxTokens: 200,
    onPayload: (body) => {
      console.log(`[sending: ${Object.keys(body).join(", ")}]`);
      return undefined; // send it as it is
    },
  };

  const { inputTokens } = await bedrock.countTokens(request);
  console.log(`[input tokens counted: ${inputTokens}]`);

  for await (const ev of bedrock.stream(request)) {
    if (ev.type === "text_delta") process.stdout.write(ev.delta);
    if (ev.type === "done") {
      const u = ev.message.usage;
      const writes = u?.known === false ? undefined : u?.cacheWriteByTtl;
      process.stdout.write(`\n[service tier: ${ev.message.serviceTier ?? "not reported"}]\n`);
      if (writes) process.stdout.write(`[cache writes: 5m ${writes["5m"]}, 1h ${writes["1h"]}; cost $${(u?.cost?.cacheWrite ?? 0).toFixed(6)}]\n`);
    }
  }
} finally {
  await close();
}
