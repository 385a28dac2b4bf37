/**
 * Where the gateway's added time to first token goes, layer by layer, in one run (not part of
 * `pnpm bench`; `npx tsx bench/gateway-layers.ts [rounds] [samples]`). The bench process asks for
 * `bench-20` by turns: streambed directly, then the same request to each server of
 * bench/gateway-layers-server.ts (a bare node:http SSE answer, the same on Hono, node:http calling
 * streambed, the gateway). Each round takes `samples` of each path; the figures are the medians of
 * the rounds' medians. For the gateway it also prints the in-process marks (from the request's
 * arrival to streambed's call, its first event and the first body write). Same client everywhere:
 * undici's `Agent.request`, as streambed's transport. `LAYERS_CPU_PROF=<dir>`: the servers' process
 * writes a CPU profile there (50 µs sampling).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { hashKey } from "@streambed/gateway";
import { build } from "esbuild";
import { createBedrock } from "streambed";
import { Agent } from "undici";
import { compileChildren, median, round, startServer } from "./client-bench.js";
import { CREDENTIALS, modelId, PROMPT, REGION } from "./clients/types.js";

const here = dirname(fileURLToPath(import.meta.url));
const KEY = "sk-sb-benchbenchbenchbenchbenchbenchbenchbench0";
const rounds = Number(process.argv[2] ?? 7);
const samples = Number(process.argv[3] ?? 60);
const PATHS = ["http-hello", "hono-hello", "http-direct", "gateway"] as const;
type Path = (typeof PATHS)[number];

async function firstChunk(agent: Agent, origin: string, auth: boolean): Promise<number> {
  const t0 = performance.now();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth) headers.authorization = `Bearer ${KEY}`;
  const res = await agent.request({
    origin,
    path: "/v1/chat/completions",
    method: "POST",
    headers,
    body: JSON.stringify({ model: modelId(20), messages: [{ role: "user", content: PROMPT }], stream: true }),
  });
  if (res.statusCode !== 200) throw new Error(`${origin} answered ${res.statusCode}: ${await res.body.text()}`);
  let first = -1;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    // A chunk with text (`{"content":…`), not the gateway's role chunk (`{"role":"assistant","content":""}`).
    if (first < 0 && new TextDecoder().decode(chunk).includes('{"content":')) first = performance.now() - t0;
  }
  return first;
}

await compileChildren();
await build({ entryPoints: [join(here, "gateway-layers-server.ts")], outdir: join(here, "dist"), format: "esm", platform: "node", target: "node20", bundle: false, logLevel: "warning" });
const replay = await startServer();
const env: NodeJS.ProcessEnv = {};
for (const [k, v] of Object.entries(process.env)) if (!/^(https?_proxy|no_proxy|all_proxy|node_options)$/i.test(k)) env[k] = v;
const prof = process.env.LAYERS_CPU_PROF ? ["--cpu-prof", "--cpu-prof-interval", "50", "--cpu-prof-dir", process.env.LAYERS_CPU_PROF] : [];
const child = spawn(process.execPath, [...prof, join(here, "dist/gateway-layers-server.js"), replay.url, await hashKey(KEY)], { stdio: ["pipe", "pipe", "inherit"], env });
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const next = async <T>(): Promise<T> => JSON.parse((await lines.next()).value as string) as T;
const { ports } = await next<{ ports: Record<Path, number> }>();
const bedrock = createBedrock({ region: REGION, endpoint: replay.url, credentials: CREDENTIALS, config: false, discoveryCache: "memory" });
const agent = new Agent();
const direct = async (): Promise<number> => {
  const t0 = performance.now();
  let first = -1;
  for await (const ev of bedrock.stream({ model: modelId(20), messages: [{ role: "user", content: PROMPT }] })) if (ev.type === "text_delta" && first < 0) first = performance.now() - t0;
  return first;
};
const measure = (p: Path | "direct"): Promise<number> => (p === "direct" ? direct() : firstChunk(agent, `http://127.0.0.1:${ports[p]}`, p === "gateway"));

try {
  for (let i = 0; i < 40; i++) for (const p of ["direct", ...PATHS] as const) await measure(p); // warm-up
  await child.stdin!.write("marks\n");
  await next();
  const perRound: Record<string, number[]> = {};
  const add = (name: string, v: number) => (perRound[name] ??= []).push(v);
  for (let r = 0; r < rounds; r++) {
    const got: Record<string, number[]> = {};
    for (let i = 0; i < samples; i++) for (const p of ["direct", ...PATHS] as const) (got[p] ??= []).push(await measure(p));
    child.stdin!.write("marks\n");
    const { gateway: m, directCalls } = await next<{ gateway: Array<{ call: number; first: number; token: number; answered: number; head: number; write: number; textWrite: number }>; directCalls: number[] }>();
    add("http-direct: arrival → stream() called", median(directCalls));
    for (const [p, xs] of Object.entries(got)) add(p, median(xs));
    add("gateway: arrival → stream() called", median(m.map((x) => x.call)));
    add("gateway: stream() → first event", median(m.map((x) => x.first - x.call)));
    add("gateway: first event → first text", median(m.map((x) => x.token - x.first)));
    add("gateway: first text → Response returned", median(m.map((x) => x.answered - x.token)));
    add("gateway: Response returned → writeHead", median(m.map((x) => x.head - x.answered)));
    add("gateway: writeHead → first write", median(m.map((x) => x.write - x.head)));
    add("gateway: arrival → first write", median(m.map((x) => x.write)));
    add("gateway: first text → its write", median(m.map((x) => x.textWrite - x.token)));
    add("gateway: arrival → first text's write", median(m.map((x) => x.textWrite)));
    process.stderr.write(`round ${r + 1}/${rounds}: ${Object.entries(got).map(([p, xs]) => `${p} ${round(median(xs), 3)}`).join(", ")}\n`);
  }
  const med = (name: string) => round(median(perRound[name]!), 3);
  console.log(`time to first token, bench-20: median of ${rounds} interleaved rounds × ${samples} samples each (ms)`);
  for (const name of Object.keys(perRound)) console.log(`  ${name.padEnd(40)} ${med(name)}   (rounds: ${perRound[name]!.map((x) => round(x, 3)).join(" ")})`);
  console.log(`  added by the gateway over direct          ${round(med("gateway") - med("direct"), 3)}`);
  console.log(`  http-direct over direct (hop + process)   ${round(med("http-direct") - med("direct"), 3)}`);
  console.log(`  gateway over http-direct (ours + Hono)    ${round(med("gateway") - med("http-direct"), 3)}`);
  console.log(`  hono-hello over http-hello (Hono)         ${round(med("hono-hello") - med("http-hello"), 3)}`);
} finally {
  await bedrock.close();
  await agent.close();
  child.stdin!.end();
  if (child.exitCode === null) await once(child, "exit");
  await replay.stop();
}
