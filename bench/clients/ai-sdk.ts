/** `@ai-sdk/amazon-bedrock` (Vercel AI SDK provider), through the provider's `doStream` (the `ai` package is not needed for it). Uses Node's global fetch. */
import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { CREDENTIALS, modelId, PROMPT, REGION, type BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  const bedrock = createAmazonBedrock({ region: REGION, baseURL: url, ...CREDENTIALS });
  return {
    async stream(deltas, onFirst) {
      const { stream } = await bedrock(modelId(deltas)).doStream({ prompt: [{ role: "user", content: [{ type: "text", text: PROMPT }] }] });
      let n = 0;
      let first = onFirst;
      for await (const part of stream) {
        if (first) (first(), (first = undefined));
        if (part.type === "text-delta") n++;
        else if (part.type === "error") throw part.error;
      }
      return n;
    },
    close: async () => {},
  };
}
