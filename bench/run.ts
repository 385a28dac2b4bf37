/**
 * `pnpm bench`: runs every benchmark and writes its results to bench/results/<name>.json.
 * Environment: BENCH_SCALE (default 1) shrinks the workloads for a quick smoke run;
 * BENCH_RUNS (default 5) is the number of measured runs per row (the fastest is reported, the median kept);
 * BENCH_ONLY=decoder|clients|pi-ai|gateway runs one part.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runClientBench } from "./client-bench.js";
import { load, versions, writeClientReport } from "./client-report.js";
import { runDecoderBench } from "./decoder.js";
import { runGatewayBench, writeGatewayReport } from "./gateway.js";
import { runImportTimeBench } from "./import-time.js";
import { runPiAiBench, writePiAiReport } from "./pi-ai.js";
import { runSigningBench } from "./signing.js";

const here = dirname(fileURLToPath(import.meta.url));
const scale = Number(process.env.BENCH_SCALE ?? 1);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const only = process.env.BENCH_ONLY;

function machine() {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpu[0]?.model ?? "unknown"} × ${cpu.length}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

function write(name: string, data: unknown): void {
  const dir = join(here, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

const info = machine();
console.log(`streambed bench — Node ${info.node}, ${info.platform}, ${info.cpu}, scale ${scale}, ${runs} interleaved runs per row (fastest shown)\n`);

if (!only || only === "decoder") {
  console.log("Decoder");
  const before = loadavg()[0]!;
  const decoder = await runDecoderBench({ scale, runs, log: (line) => console.log(`  ${line}`) });
  const loadAverage = { before: Math.round(before * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 };
  console.log(`  (1-minute load average ${loadAverage.before} before, ${loadAverage.after} after)`);
  write("decoder", { date: new Date().toISOString(), machine: info, loadAverage, scale, runs, results: decoder });
}

// Clients (issue 8): streambed vs the AWS SDK, the AI SDK provider and raw undici, on loopback.
// Writes bench/results/client.json and its section of docs/benchmarks.md.
if (!only || only === "clients") {
  const log = (line: string) => console.log(`  ${line}`);
  const before = load();
  console.log("\nClients");
  const clients = await runClientBench({ scale, runs, log });
  console.log("\nSigV4 signing, 5 MB body");
  const signing = await runSigningBench({ runs: runs * 3, log });
  console.log("\nImport time (fresh process each)");
  const importTime = runImportTimeBench({ runs, log });
  writeClientReport({ date: new Date().toISOString(), machine: info, loadAverage: { before, after: load() }, scale, versions: versions(), clients, signing, importTime });
}

// pi-ai (issue 18): pi-ai's built-in Bedrock provider vs pi-ai + streambed, same run, same replay server.
if (!only || only === "pi-ai") {
  console.log("\npi-ai");
  const results = await runPiAiBench({ scale, runs, log: (line) => console.log(`  ${line}`) });
  writePiAiReport({ date: new Date().toISOString(), machine: info, results });
}

// Gateway (issue 19): @streambed/gateway's added time to first token and CPU per event over streambed directly.
if (!only || only === "gateway") {
  console.log("\nGateway");
  const before = load();
  const results = await runGatewayBench({ scale, runs, log: (line) => console.log(`  ${line}`) });
  writeGatewayReport({ date: new Date().toISOString(), machine: info, loadAverage: { before, after: load() }, results });
}
