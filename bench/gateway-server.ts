/**
 * The gateway's process in `pnpm bench` (compiled to dist/gateway-server.js, run with plain node):
 * `@streambed/gateway` on 127.0.0.1 in front of the replay server, plus the same streambed client
 * called directly, so both are measured in one process, one run. Prints `{"port":N}`, then answers
 * one JSON line per stdin command:
 *   cpu                     → { user, system } (µs, process.cpuUsage())
 *   direct <deltas> <runs>  → { cpuUs, events }: `runs` streams through streambed directly
 * Exits when stdin closes.
 */
import { createInterface } from "node:readline";
import { createGateway, type GatewayKey } from "@streambed/gateway";
import { serveGateway } from "@streambed/gateway/node";
import { createBedrock } from "streambed";
import { CREDENTIALS, modelId, PROMPT, REGION } from "./clients/types.js";

const [url, hash] = process.argv.slice(2) as [string, string];
const bedrock = createBedrock({ region: REGION, endpoint: url, credentials: CREDENTIALS, config: false, discoveryCache: "memory" });
const key: GatewayKey = { id: "key_00bench00", name: "bench", hash };
const gateway = createGateway({ bedrock, keys: [key] });
const server = await serveGateway(gateway, { port: 0 });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);

async function direct(deltas: number, runs: number): Promise<{ cpuUs: number; events: number }> {
  const c0 = process.cpuUsage();
  let events = 0;
  for (let r = 0; r < runs; r++) {
    for await (const ev of bedrock.stream({ model: modelId(deltas), messages: [{ role: "user", content: PROMPT }] })) if (ev.type === "text_delta") events++;
  }
  const c = process.cpuUsage(c0);
  return { cpuUs: c.user + c.system, events };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, a, b] = line.trim().split(" ");
  if (command === "cpu") process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
  else if (command === "direct") process.stdout.write(`${JSON.stringify(await direct(Number(a), Number(b)))}\n`);
}
await server.close();
await bedrock.close();
