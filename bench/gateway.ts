/**
 * The gateway row of `pnpm bench` (issue 19): what `@streambed/gateway` adds over calling streambed
 * directly, same run, same replay server.
 * - Time to first token: the bench process asks for `bench-20` by turns — streambed directly
 *   (request → first text_delta) and through the gateway with undici (request → first SSE chunk
 *   carrying text) in rounds — and reports the median of the rounds' medians and the p99 of every
 *   sample; added = gateway − direct.
 * - CPU per streamed event: the gateway's process (dist/gateway-server.js) streams long answers
 *   through streambed directly, then serves the same answers to the bench process as chat
 *   completion chunks; its process CPU per text delta, each way (the gateway's includes streambed's
 *   own work, its HTTP server and the chunk encoding).
 * Writes bench/results/gateway.json and its section of docs/benchmarks.md.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { hashKey } from "@streambed/gateway";
import { build } from "esbuild";
import { createBedrock } from "streambed";
import { Agent } from "undici";
import { compileChildren, median, round, startServer } from "./client-bench.js";
import { writeBenchmarksSection } from "./client-report.js";
import { CREDENTIALS, modelId, PROMPT, REGION } from "./clients/types.js";

const here = dirname(fileURLToPath(import.meta.url));
const KEY = "sk-sb-benchbenchbenchbenchbenchbenchbenchbench0";

export interface GatewayBenchResults {
  ttft: { directMedianMs: number; directP99Ms: number; gatewayMedianMs: number; gatewayP99Ms: number; addedMedianMs: number; addedP99Ms: number; samples: number; rounds: number };
  cpu: { directUsPerEvent: number; gatewayUsPerEvent: number; ratio: number; deltas: number; runs: number };
  targets: { addedTtftMs: 1; cpuRatio: 2 };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** The gateway child: its port, and a function sending one command and reading its JSON answer. */
async function startGateway(url: string) {
  await build({ entryPoints: [join(here, "gateway-server.ts")], outdir: join(here, "dist"), format: "esm", platform: "node", target: "node20", bundle: false, logLevel: "warning" });
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(https?_proxy|no_proxy|all_proxy|node_options)$/i.test(k)) env[k] = v;
  const child = spawn(process.execPath, [join(here, "dist/gateway-server.js"), url, await hashKey(KEY)], { stdio: ["pipe", "pipe", "inherit"], env });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => JSON.parse((await lines.next()).value as string) as T;
  const { port } = await next<{ port: number }>();
  return {
    url: `http://127.0.0.1:${port}`,
    ask: async <T>(command: string): Promise<T> => {
      child.stdin!.write(`${command}\n`);
      return next<T>();
    },
    stop: async () => {
      child.stdin!.end();
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

/**
 * One streamed chat completion through the gateway: ms to the first chunk with text, and the text
 * deltas received. The client is undici's `Agent.request`, what streambed's own transport calls, so
 * both paths use the same HTTP client (`fetch` would add its own WHATWG-streams cost).
 */
async function viaGateway(agent: Agent, gatewayUrl: string, deltas: number): Promise<{ firstMs: number; events: number }> {
  const t0 = performance.now();
  const res = await agent.request({
    origin: gatewayUrl,
    path: "/v1/chat/completions",
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: modelId(deltas), messages: [{ role: "user", content: PROMPT }], stream: true }),
  });
  if (res.statusCode !== 200) throw new Error(`gateway answered ${res.statusCode}: ${await res.body.text()}`);
  const decoder = new TextDecoder();
  let firstMs = -1;
  let events = 0;
  let tail = "";
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    const text = tail + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf("\n\n");
    tail = cut === -1 ? text : text.slice(cut + 2);
    const done = cut === -1 ? "" : text.slice(0, cut);
    const n = done.split('{"content":').length - 1;
    if (n > 0 && firstMs < 0) firstMs = performance.now() - t0;
    events += n;
  }
  return { firstMs, events };
}

export async function runGatewayBench(options: { scale: number; runs: number; log: (line: string) => void }): Promise<GatewayBenchResults> {
  const { scale, runs, log } = options;
  const samples = Math.max(50, Math.round(400 * scale));
  const deltas = Math.max(2000, Math.round(50_000 * scale));
  await compileChildren();
  const replay = await startServer();
  const gateway = await startGateway(replay.url);
  const bedrock = createBedrock({ region: REGION, endpoint: replay.url, credentials: CREDENTIALS, config: false, discoveryCache: "memory" });
  const agent = new Agent();
  try {
    const direct = async (): Promise<number> => {
      const t0 = performance.now();
      let first = -1;
      for await (const ev of bedrock.stream({ model: modelId(20), messages: [{ role: "user", content: PROMPT }] })) if (ev.type === "text_delta" && first < 0) first = performance.now() - t0;
      return first;
    };
    for (let i = 0; i < 30; i++) (await direct(), await viaGateway(agent, gateway.url, 20)); // warm-up: JIT, connections
    // Rounds of samples taken by turns; the median is the median of the rounds' medians (a burst of
    // load on the shared machine moves one round, not the figure), the p99 is over every sample.
    const rounds = Math.max(5, runs);
    const d: number[] = [];
    const g: number[] = [];
    const dRounds: number[] = [];
    const gRounds: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const dr: number[] = [];
      const gr: number[] = [];
      for (let i = 0; i < Math.ceil(samples / rounds); i++) {
        dr.push(await direct());
        gr.push((await viaGateway(agent, gateway.url, 20)).firstMs);
      }
      d.push(...dr);
      g.push(...gr);
      dRounds.push(median(dr));
      gRounds.push(median(gr));
    }
    const ttft = {
      directMedianMs: round(median(dRounds), 3),
      directP99Ms: round(percentile(d, 99), 3),
      gatewayMedianMs: round(median(gRounds), 3),
      gatewayP99Ms: round(percentile(g, 99), 3),
      addedMedianMs: round(median(gRounds) - median(dRounds), 3),
      addedP99Ms: round(percentile(g, 99) - percentile(d, 99), 3),
      samples: d.length,
      rounds,
    };
    log(`time to first token (bench-20, ${ttft.samples} samples by turns in ${rounds} rounds): direct ${ttft.directMedianMs} ms (p99 ${ttft.directP99Ms}), gateway ${ttft.gatewayMedianMs} ms (p99 ${ttft.gatewayP99Ms}); added ${ttft.addedMedianMs} ms (p99 ${ttft.addedP99Ms})`);

    await gateway.ask("direct 2000 1");
    await viaGateway(agent, gateway.url, 2000);
    const directCpu: number[] = [];
    const gatewayCpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const dr = await gateway.ask<{ cpuUs: number; events: number }>(`direct ${deltas} 1`);
      if (dr.events !== deltas) throw new Error(`direct delivered ${dr.events} of ${deltas} deltas`);
      directCpu.push(dr.cpuUs / deltas);
      const c0 = await gateway.ask<{ user: number; system: number }>("cpu");
      const { events } = await viaGateway(agent, gateway.url, deltas);
      const c1 = await gateway.ask<{ user: number; system: number }>("cpu");
      if (events !== deltas) throw new Error(`the gateway delivered ${events} of ${deltas} deltas`);
      gatewayCpu.push((c1.user + c1.system - c0.user - c0.system) / deltas);
    }
    const cpu = { directUsPerEvent: round(median(directCpu), 3), gatewayUsPerEvent: round(median(gatewayCpu), 3), ratio: round(median(gatewayCpu) / median(directCpu)), deltas, runs };
    log(`CPU per streamed event (${deltas.toLocaleString("en")} deltas, median of ${runs}): streambed directly ${cpu.directUsPerEvent} µs, through the gateway ${cpu.gatewayUsPerEvent} µs (${cpu.ratio}×)`);
    return { ttft, cpu, targets: { addedTtftMs: 1, cpuRatio: 2 } };
  } finally {
    await bedrock.close();
    await agent.close();
    await gateway.stop();
    await replay.stop();
  }
}

const START = "<!-- gateway-bench:start -->";
const END = "<!-- gateway-bench:end -->";

/** Writes bench/results/gateway.json and the gateway section of docs/benchmarks.md. */
export function writeGatewayReport(report: { date: string; machine: { node: string; cpu: string }; loadAverage: { before: number; after: number }; results: GatewayBenchResults }): void {
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "gateway.json"), `${JSON.stringify(report, null, 2)}\n`);
  const { ttft, cpu } = report.results;
  const ok = (good: boolean) => (good ? "met" : "**missed**");
  const body = `### Added time to first token and CPU per event (\`pnpm bench\`)

Written by \`pnpm bench\` (bench/gateway.ts) on ${report.date.slice(0, 10)}: Node ${report.machine.node}, ${report.machine.cpu}.
1-minute load average ${report.loadAverage.before} before, ${report.loadAverage.after} after. Same replay server, same run. Time to first token: request → first text, \`bench-20\`, ${ttft.samples} samples taken by turns in ${ttft.rounds} rounds
(median: of the rounds' medians; p99: of every sample)
(direct: \`bedrock.stream()\` → first \`text_delta\`; gateway: undici \`Agent.request\` POST /v1/chat/completions → first SSE chunk with text).
CPU: the gateway's process, per text delta of a ${cpu.deltas.toLocaleString("en")}-delta answer (median of ${cpu.runs}), streaming it
through streambed directly, then serving it as chat completion chunks to a client in another process.

| | direct | through the gateway | added | target |
|---|---|---|---|---|
| time to first token, median | ${ttft.directMedianMs} ms | ${ttft.gatewayMedianMs} ms | ${ttft.addedMedianMs} ms | ≤ 1 ms: ${ok(ttft.addedMedianMs <= 1)} |
| time to first token, p99 | ${ttft.directP99Ms} ms | ${ttft.gatewayP99Ms} ms | ${ttft.addedP99Ms} ms | ≤ 1 ms: ${ok(ttft.addedP99Ms <= 1)} |
| CPU per streamed event | ${cpu.directUsPerEvent} µs | ${cpu.gatewayUsPerEvent} µs | ${cpu.ratio}× | ≤ 2×: ${ok(cpu.ratio <= 2)} |`;
  writeBenchmarksSection(START, END, body);
}
