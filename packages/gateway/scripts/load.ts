/**
 * Load run (not a test; bounded, loopback only): N concurrent streaming chat completions (default
 * 500) through one gateway process, in front of the emulator. Checks 0 errors, every stream's text
 * exact, `[DONE]` on each, no call or handle left in the gateway afterwards; prints the gateway's
 * peak RSS (VmHWM) and the throughput.
 *
 *   pnpm --filter @streambed/gateway load [-- --streams 500 --words 40 --tps 40]
 *
 * The gateway runs in its own process (this file with `--gateway`), so its memory and handles are
 * its own; the emulator and the 500 clients run here.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { LOOPBACK_GUARD } from "../../../scripts/test-guard/child-env.mjs";
import { DEMO_CREDENTIALS, startEmulator } from "@streambed/emulator";
import { createBedrock } from "streambed";
import { createGateway } from "../src/create-gateway.js";
import { generateKey, type GatewayKey } from "../src/keys/gateway-key.js";
import { serveGateway } from "../src/node/serve-gateway.js";

const { values } = parseArgs({
  options: { gateway: { type: "boolean" }, streams: { type: "string", default: "500" }, words: { type: "string", default: "40" }, tps: { type: "string", default: "40" } },
});

/** The gateway process: serves, then answers `report` on stdin with its numbers. */
async function gatewayProcess(): Promise<void> {
  const bedrock = createBedrock({ region: "us-east-1", endpoint: process.env.LOAD_EMULATOR_URL!, credentials: DEMO_CREDENTIALS, config: false, env: {}, retry: false });
  const gateway = createGateway({ bedrock, keys: JSON.parse(process.env.LOAD_KEYS!) as GatewayKey[] });
  const server = await serveGateway(gateway, { port: 0 });
  const resources = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap");
  const commands = createInterface({ input: process.stdin });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  await new Promise((r) => setImmediate(r));
  // Taken before any client connects: the url line is read only after this turn.
  const baseline = resources();
  const startRssMiB = process.memoryUsage().rss / 2 ** 20;
  // The most calls in flight at once, sampled every 10 ms.
  let maxActive = 0;
  const sampler = setInterval(() => (maxActive = Math.max(maxActive, gateway.activeCalls)), 10);
  for await (const line of commands) {
    if (line !== "report") continue;
    clearInterval(sampler);
    // Keep-alive connections are pools, not leaks: idle ones are closed (server side) or time out
    // (streambed's pool to Bedrock); a leak is what is still open 15 s later.
    server.server.closeIdleConnections();
    for (let waited = 0; waited < 15_000 && resources().length > baseline.length; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      server.server.closeIdleConnections();
    }
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    process.stdout.write(`${JSON.stringify({ maxActive, startRssMiB, peakRssMiB: kb("VmHWM") / 1024, rssMiB: kb("VmRSS") / 1024, activeCalls: gateway.activeCalls, baseline, resources: resources() })}\n`);
  }
  await server.close();
  await bedrock.close();
}

const WORDS = ["river", "stone", "cloud", "ember", "harbor", "lantern", "meadow", "quartz", "willow", "summit", "canyon", "falcon"];

/** The prompt of stream `i`: distinct per stream, so a mixed-up stream cannot pass. */
function prompt(i: number, words: number): string {
  const out = [`stream-${i}`];
  for (let k = 1; k < words; k++) out.push(WORDS[(i * 7 + k * 13) % WORDS.length]!);
  return out.join(" ");
}

async function main(): Promise<void> {
  const streams = Number(values.streams);
  const words = Number(values.words);
  const emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS], tokensPerSecond: Number(values.tps) });
  const { key, record } = await generateKey("load");
  // The gateway process runs compiled JavaScript under plain node (no TypeScript loader in its memory).
  const compiled = fileURLToPath(new URL("../node_modules/.cache/streambed-load/gateway.mjs", import.meta.url));
  await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile: compiled, bundle: true, packages: "external", platform: "node", format: "esm", target: "node20", logLevel: "warning" });
  const child = spawn(process.execPath, ["--import", LOOPBACK_GUARD, compiled, "--gateway"], {
    env: { ...process.env, LOAD_EMULATOR_URL: emulator.url, LOAD_KEYS: JSON.stringify([record]) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const read = async <T>(): Promise<T> => JSON.parse((await lines.next()).value as string) as T;
  const { url } = await read<{ url: string }>();
  let errors = 0;
  let wrong = 0;
  let chunks = 0;
  const failures: string[] = [];
  const one = async (i: number): Promise<void> => {
    const expected = prompt(i, words);
    try {
      // Node's fetch: one connection per stream in flight (no per-origin limit).
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "us.anthropic.claude-sonnet-4-6", messages: [{ role: "user", content: expected }], stream: true }),
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 200)}`);
      const data = body.split("\n\n").filter((b) => b.startsWith("data: ")).map((b) => b.slice(6));
      if (data.at(-1) !== "[DONE]") throw new Error("no [DONE]");
      let text = "";
      for (const d of data.slice(0, -1)) {
        const chunk = JSON.parse(d) as { error?: unknown; choices: Array<{ delta: { content?: string } }> };
        if (chunk.error) throw new Error(`error chunk ${JSON.stringify(chunk.error)}`);
        text += chunk.choices[0]?.delta.content ?? "";
        chunks++;
      }
      if (text !== expected) {
        wrong++;
        failures.push(`stream ${i}: got ${JSON.stringify(text.slice(0, 60))}`);
      }
    } catch (error) {
      errors++;
      failures.push(`stream ${i}: ${(error as Error).message}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: streams }, (_, i) => one(i)));
  const seconds = (performance.now() - t0) / 1000;
  // Give the gateway a moment to finish its bookkeeping, then read its numbers.
  await new Promise((r) => setTimeout(r, 500));
  child.stdin!.write("report\n");
  const report = await read<{ maxActive: number; startRssMiB: number; peakRssMiB: number; rssMiB: number; activeCalls: number; baseline: string[]; resources: string[] }>();
  child.stdin!.end();
  await new Promise((r) => child.once("exit", r));
  await emulator.close();
  const leaked = report.resources.length - report.baseline.length;
  const result = {
    streams,
    wordsPerStream: words,
    emulatorTokensPerSecond: Number(values.tps),
    errors,
    wrongText: wrong,
    seconds: Math.round(seconds * 100) / 100,
    streamsPerSecond: Math.round((streams / seconds) * 10) / 10,
    chunksPerSecond: Math.round(chunks / seconds),
    mostStreamsAtOnce: report.maxActive,
    gatewayStartRssMiB: Math.round(report.startRssMiB),
    gatewayPeakRssMiB: Math.round(report.peakRssMiB),
    gatewayRssAfterMiB: Math.round(report.rssMiB),
    callsLeft: report.activeCalls,
    handlesLeft: leaked,
    handlesAfter: leaked > 0 ? report.resources : undefined,
  };
  console.log(JSON.stringify(result, null, 2));
  for (const f of failures.slice(0, 10)) console.error(f);
  if (errors > 0 || wrong > 0 || report.activeCalls > 0 || leaked > 0) process.exitCode = 1;
}

if (values.gateway) await gatewayProcess();
else await main();
