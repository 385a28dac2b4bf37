/**
 * The cold-start floor of streambed's undici transport: the same bytes-only client as raw-undici.ts,
 * but loading only undici's `Agent` and `request()` files (what the transport loads), not undici's index.
 */
import { createRequire } from "node:module";
import type { Agent as AgentType, Dispatcher } from "undici";
import { modelId, PROMPT, type BenchClient } from "./types.js";

const require = createRequire(import.meta.url);

export async function open(url: string): Promise<BenchClient> {
  const Agent = require("undici/lib/dispatcher/agent.js") as typeof AgentType;
  const request = require("undici/lib/api/api-request.js") as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
  const agent = new Agent();
  const origin = new URL(url).origin;
  const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: PROMPT }] }] });
  return {
    async stream(deltas, onFirst) {
      const response = await request.call(agent, {
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
