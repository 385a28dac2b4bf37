/** pi-ai's own Bedrock provider (the AWS SDK underneath), through pi-ai's `stream()`. */
import { stream } from "@mariozechner/pi-ai";
import { benchModel, CONTEXT, countTextDeltas, usePiAiEnv } from "./pi-ai-common.js";
import type { BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  usePiAiEnv();
  return {
    stream: (deltas, onFirst) => countTextDeltas(stream(benchModel(url, deltas), CONTEXT), onFirst),
    close: async () => undefined,
  };
}
