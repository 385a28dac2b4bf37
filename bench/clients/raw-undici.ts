/**
 * The floor: undici's `Agent.request` (what streambed's undici transport calls) reading the body's
 * bytes without decoding them. Same request bytes as streambed would send, unsigned.
 */
import { Agent } from "undici";
import { modelId, PROMPT, type BenchClient } from "./types.js";

export async function open(url: string): Promise<BenchClient> {
  const agent = new Agent();
  const origin = new URL(url).origin;
  const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: PROMPT }] }] });
  return {
    async stream(deltas, onFirst) {
      const response = await agent.request({
        origin,
        path: `/model/${modelId(deltas)}/converse-stream`,
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/vnd.amazon.eventstream" },
        body,
      });
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      let bytes = 0;
      let first = onFirst;
      for await (const chunk of response.body) {
        if (first) (first(), (first = undefined));
        bytes += (chunk as Uint8Array).length;
      }
      if (bytes === 0) throw new Error("empty body");
      return deltas;
    },
    close: () => agent.close(),
  };
}
