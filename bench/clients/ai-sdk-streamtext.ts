/**
 * `@ai-sdk/amazon-bedrock` as its users run it: through the `ai` package's `streamText` (ai 6, the
 * last major on Node 20; ai 7 and provider 5 need Node 22), reading `fullStream`. Node's global fetch.
 */
import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { streamText } from "ai";
import { CREDENTIALS, modelId, PROMPT, REGION, type BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  const bedrock = createAmazonBedrock({ region: REGION, baseURL: url, ...CREDENTIALS });
  return {
    async stream(deltas, onFirst) {
      const result = streamText({ model: bedrock(modelId(deltas)), prompt: PROMPT, maxRetries: 0 });
      let n = 0;
      let first = onFirst;
      for await (const part of result.fullStream) {
        // "start" is emitted before the request is even sent; the first event is what follows it.
        if (first && part.type !== "start") (first(), (first = undefined));
        if (part.type === "text-delta") n++;
        else if (part.type === "error") throw part.error;
      }
      return n;
    },
    close: async () => {},
  };
}
