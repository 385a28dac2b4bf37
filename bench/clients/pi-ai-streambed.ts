/** pi-ai with streambed underneath: `registerStreambedBedrock()`, then pi-ai's own `stream()`. */
import { stream } from "@mariozechner/pi-ai";
import { registerStreambedBedrock } from "@streambed/pi-ai";
import { benchModel, CONTEXT, countTextDeltas, usePiAiEnv } from "./pi-ai-common.js";
import { CREDENTIALS, REGION, type BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  usePiAiEnv();
  const provider = registerStreambedBedrock({ bedrock: { region: REGION, credentials: CREDENTIALS, config: false, discoveryCache: "memory", retry: false } });
  return {
    stream: (deltas, onFirst) => countTextDeltas(stream(benchModel(url, deltas), CONTEXT), onFirst),
    close: () => provider.close(),
  };
}
