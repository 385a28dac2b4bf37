/**
 * A second floor: node:http (the module the AWS SDK's NodeHttpHandler uses) reading the body's
 * bytes without decoding them. Its parser is native, so a new process does not compile undici's
 * llhttp WebAssembly on its first request: the cold-start floor for any Node client.
 */
import { Agent, request } from "node:http";
import { modelId, PROMPT, type BenchClient } from "./types.js";

export async function open(url: string, options: { sockets: number }): Promise<BenchClient> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets });
  const target = new URL(url);
  const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: PROMPT }] }] });
  return {
    stream: (deltas, onFirst) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            method: "POST",
            path: `/model/${modelId(deltas)}/converse-stream`,
            headers: { "content-type": "application/json", accept: "application/vnd.amazon.eventstream", "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
            let first = onFirst;
            let bytes = 0;
            res.on("data", (chunk: Buffer) => {
              if (first) (first(), (first = undefined));
              bytes += chunk.length;
            });
            res.on("end", () => (bytes > 0 ? resolve(deltas) : reject(new Error("empty body"))));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      }),
    close: async () => agent.destroy(),
  };
}
