/** streambed as most users get it: `createBedrock()` from "streambed" (undici transport, node:zlib CRC, node:crypto SHA-256). */
import { createBedrock } from "streambed";
import { CREDENTIALS, modelId, PROMPT, REGION, type BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  const bedrock = createBedrock({ region: REGION, endpoint: url, credentials: CREDENTIALS, config: false, discoveryCache: "memory" });
  return {
    async stream(deltas, onFirst) {
      let n = 0;
      let first = onFirst;
      for await (const ev of bedrock.stream({ model: modelId(deltas), messages: [{ role: "user", content: PROMPT }] })) {
        if (first) (first(), (first = undefined));
        if (ev.type === "text_delta") n++;
      }
      return n;
    },
    close: () => bedrock.close(),
  };
}
