/**
 * `@aws-sdk/client-bedrock-runtime` with its HTTP/1.1 handler (`NodeHttpHandler`; the client's
 * default is the HTTP/2 one), keep-alive, and as many sockets as the run has concurrent streams.
 */
import { Agent } from "node:http";
import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { CREDENTIALS, modelId, PROMPT, REGION, type BenchClient } from "./types.js";

export async function open(url: string, options: { sockets: number }): Promise<BenchClient> {
  const client = new BedrockRuntimeClient({
    region: REGION,
    endpoint: url,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: options.sockets }) }),
  });
  return {
    async stream(deltas, onFirst) {
      const response = await client.send(
        new ConverseStreamCommand({ modelId: modelId(deltas), messages: [{ role: "user", content: [{ text: PROMPT }] }] }),
      );
      let n = 0;
      let first = onFirst;
      for await (const ev of response.stream!) {
        if (first) (first(), (first = undefined));
        if (ev.contentBlockDelta?.delta?.text !== undefined) n++;
      }
      return n;
    },
    close: async () => client.destroy(),
  };
}
