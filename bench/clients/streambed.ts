/** What the two streambed rows share: `createBedrock()` from "streambed" pointed at the replay server. */
import { createBedrock, type BedrockOptions } from "streambed";
import { CREDENTIALS, modelId, PROMPT, REGION, type BenchClient } from "./types.js";

export function openStreambed(url: string, options: Pick<BedrockOptions, "fetch" | "transport"> = {}): BenchClient {
  const bedrock = createBedrock({ region: REGION, endpoint: url, credentials: CREDENTIALS, config: false, discoveryCache: "memory", ...options });
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
