/**
 * Writes the client benchmarks' results: bench/results/client.json, and the section of
 * docs/benchmarks.md between `<!-- client-bench:start -->` and `<!-- client-bench:end -->` (the
 * rest of that file belongs to the other benchmarks and is left as it is).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClientBenchResults } from "./client-bench.js";
import type { ImportTimeResult } from "./import-time.js";
import type { SigningResult } from "./signing.js";
import { NOTES } from "./client-report-notes.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const START = "<!-- client-bench:start -->";
const END = "<!-- client-bench:end -->";

export interface ClientReport {
  date: string;
  machine: { node: string; platform: string; cpu: string; memoryGiB: number };
  /** 1-minute load average before and after the client benchmarks (other work shares the machine). */
  loadAverage: { before: number; after: number };
  scale: number;
  versions: Record<string, string>;
  clients: ClientBenchResults;
  signing: SigningResult[];
  importTime: ImportTimeResult[];
}

/** Versions of the libraries compared, as installed for the bench. */
export function versions(): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  for (const name of ["streambed", "@aws-sdk/client-bedrock-runtime", "@smithy/node-http-handler", "@ai-sdk/amazon-bedrock", "ai", "@mariozechner/pi-ai", "undici"]) {
    const file = join(here, "node_modules", name, "package.json");
    out[name] = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : "?";
  }
  return out;
}

export const load = (): number => Math.round(loadavg()[0]! * 10) / 10;

/** The streambed rows and the raw floor of the same transport they are held against. */
const PAIRS = [
  ["streambed-undici", "raw-undici-agent"],
  ["streambed-node-http", "raw-node-http"],
] as const;

const CLIENT_SHORT: Record<string, string> = {
  "streambed-undici": "streambed (undici)",
  "streambed-node-http": "streambed (node:http)",
  "raw-undici-agent": "raw undici Agent",
  "raw-node-http": "raw node:http",
  "raw-undici": "raw undici",
};

function spread(values: number[]): { median: number; min: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { median: s[s.length >> 1]!, min: s[0]!, max: s[s.length - 1]! };
}

/** a[i] − b[i] for each round i: the median and range. */
function pairedDifference(a: number[], b: number[]): { median: number; min: number; max: number } {
  return spread(a.map((x, i) => x - b[i]!));
}

/** a[i] / b[i] for each round i: the median and range. */
function pairedRatio(a: number[], b: number[]): { median: number; min: number; max: number } {
  return spread(a.map((x, i) => x / b[i]!));
}

/** streambed's row of bench/results/size.json (`pnpm size`), if it was run. */
function readSize(): { gzip: number; fullGzip: number | undefined; floorGzip: number | undefined; date: string } | undefined {
  const file = join(here, "results", "size.json");
  if (!existsSync(file)) return undefined;
  const size = JSON.parse(readFileSync(file, "utf8")) as { date: string; rows: Array<{ name: string; gzip: number }> };
  const row = size.rows.find((x) => x.name === "streambed");
  const full = size.rows.find((x) => x.name === "streambed + discovery + config");
  const floor = size.rows.find((x) => x.name.startsWith("floor:"));
  return row ? { gzip: row.gzip, fullGzip: full?.gzip, floorGzip: floor?.gzip, date: size.date } : undefined;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pass = (ok: boolean): string => (ok ? "✅ met" : "❌ not met");

function section(r: ClientReport): string {
  const { cpu, cold, concurrency, ttfe, settings } = r.clients;
  const by = <T extends { client: string }>(rows: T[], client: string): T | undefined => rows.find((x) => x.client === client);
  const sdkCpu = by(cpu, "aws-sdk")!;
  const nodeSign = r.signing[0]!;
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(" | ")} |`);

  lines.push("## Clients: streambed vs the AWS SDK and peers", "");
  lines.push(
    `Measured ${r.date.slice(0, 10)} on ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, ${r.machine.platform}, Node ${r.machine.node}` +
      ` (load average ${r.loadAverage.before} before, ${r.loadAverage.after} after: the machine is shared, so every figure is a median of repeated runs, and CPU time, not wall time, is the headline).` +
      ` Versions: ${Object.entries(r.versions)
        .filter(([k]) => k !== "node")
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}.` +
      (r.scale === 1 ? "" : ` **Scaled run (BENCH_SCALE=${r.scale}): workloads shrunk, numbers only indicative.**`),
    "",
  );
  lines.push("Rerun: `npx -y pnpm@10.34.9 bench` (builds, then runs every benchmark; `BENCH_RUNS=n` runs per row, `BENCH_SCALE=0.1` for a smoke run). Raw numbers: `bench/results/client.json`.", "");

  lines.push("### Targets (issue 20)", "");
  lines.push(
    "Each ratio is of two figures from this run. Cold start and peak RSS are paired per round (the rounds interleave the clients), so each pair shares the machine's load at that moment; the median pair is shown with the range over the rounds.",
    "",
  );
  row("measure", "target", "this run", "");
  row("---", "---", "---", "---");
  for (const [client, floor] of [
    ["streambed-undici", "raw-undici"],
    ["streambed-node-http", "raw-node-http"],
  ] as const) {
    const ours = by(cpu, client)!;
    const floorRow = by(cpu, floor)!;
    const vsSdk = pairedRatio(sdkCpu.cpuUsPerEventSamples, ours.cpuUsPerEventSamples);
    const vsFloor = pairedRatio(ours.cpuUsPerEventSamples, floorRow.cpuUsPerEventSamples);
    row(
      `CPU per streamed event, ${fmt(settings.deltas)} text deltas: ${CLIENT_SHORT[client]}`,
      "≥ 10× less than the AWS SDK, ≤ 4.5× the bytes-only floor",
      `${ours.cpuUsPerEvent.toFixed(2)} µs; ${vsSdk.median.toFixed(1)}× less than the AWS SDK's ${sdkCpu.cpuUsPerEvent.toFixed(2)} µs (rounds ${vsSdk.min.toFixed(1)}–${vsSdk.max.toFixed(1)}); ${vsFloor.median.toFixed(1)}× ${CLIENT_SHORT[floor]}'s ${floorRow.cpuUsPerEvent.toFixed(2)} µs (rounds ${vsFloor.min.toFixed(1)}–${vsFloor.max.toFixed(1)})`,
      pass(vsSdk.median >= 10 && vsFloor.median <= 4.5),
    );
  }
  for (const [client, floor] of PAIRS) {
    const own = pairedDifference(by(cold, client)!.samplesMs, by(cold, floor)!.samplesMs);
    row(
      `cold start, own overhead: ${CLIENT_SHORT[client]} first event − ${CLIENT_SHORT[floor]} first event`,
      "≤ 10 ms",
      `${own.median.toFixed(1)} ms (rounds ${own.min.toFixed(1)} to ${own.max.toFixed(1)}); ${by(cold, client)!.firstEventMs.toFixed(0)} vs ${by(cold, floor)!.firstEventMs.toFixed(0)} ms`,
      pass(own.median <= 10),
    );
  }
  for (const [client, floor] of PAIRS) {
    const ratio = pairedRatio(by(concurrency, client)!.peakRssSamplesMB, by(concurrency, floor)!.peakRssSamplesMB);
    const c = by(concurrency, client)!;
    row(
      `peak RSS, ${fmt(settings.streams)} streams × ${fmt(settings.eventsPerStream)} events: ${CLIENT_SHORT[client]} / ${CLIENT_SHORT[floor]}`,
      "≤ 1.10×",
      `${ratio.median.toFixed(2)}× (rounds ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}); ${c.peakRssMB.toFixed(0)} vs ${by(concurrency, floor)!.peakRssMB.toFixed(0)} MB; ${c.errors} errors, ${c.vsAwsSdk.toFixed(1)}× the AWS SDK's throughput`,
      pass(ratio.median <= 1.1 && c.errors === 0),
    );
  }
  for (const client of ["streambed-undici", "streambed-node-http"] as const) {
    const t = by(ttfe, client)!;
    row(`time to first event, warm connection: ${CLIENT_SHORT[client]} over its raw floor`, "≤ +0.2 ms", `+${t.overheadMs.toFixed(3)} ms (median ${t.medianMs.toFixed(3)} ms)`, pass(t.overheadMs <= 0.2));
  }
  const size = readSize();
  if (size) {
    row(
      "edge bundle, `createBedrock` + `stream()` with explicit credentials, min+gzip",
      "≤ 22 KB",
      `${(size.gzip / 1024).toFixed(1)} KB (\`pnpm size\`, ${size.date.slice(0, 10)})${size.floorGzip ? `; the transport alone doing the same chat: ${(size.floorGzip / 1024).toFixed(1)} KB` : ""}`,
      pass(size.gzip <= 22 * 1024),
    );
    if (size.fullGzip !== undefined) {
      row(
        "edge bundle with discovery (`modelDiscovery()`, `models.list()`) and a config (`parseConfig()`), min+gzip",
        "≤ 32 KB",
        `${(size.fullGzip / 1024).toFixed(1)} KB`,
        pass(size.fullGzip <= 32 * 1024),
      );
    }
  }
  row("SigV4 signing of a 5 MB body", "≤ 10 ms in Node", `${nodeSign.ms.toFixed(2)} ms (@aws-crypto/sha256-js: ${r.signing[2]!.ms.toFixed(1)} ms)`, pass(nodeSign.ms <= 10));
  lines.push("");

  lines.push(`### CPU per event and throughput (one stream of ${fmt(settings.deltas)} text deltas)`, "");
  lines.push(
    `Each client in its own process streams one ConverseStream response of ${fmt(settings.deltas)} \`contentBlockDelta\` frames (plus start/stop/metadata) from the replay server and counts the text deltas it delivers. CPU is \`process.cpuUsage()\` (user + system) of the client process over the stream; median of ${settings.runs} rounds interleaved across the clients, each a new process whose figure is the median of three streams after three warm-up streams (with one, as until issue 20's fifth pass, the first measured stream was still ≈ 45 % above steady state for streambed and ≈ 8 % for the AWS SDK).`,
    "",
  );
  row("client", "CPU µs / event", "events / s (wall)", "CPU vs AWS SDK");
  row("---", "---:", "---:", "---:");
  for (const c of cpu) row(c.label, c.cpuUsPerEvent.toFixed(2), fmt(c.eventsPerSecond), `${c.vsAwsSdk.toFixed(2)}× less`);
  lines.push("");

  lines.push("### Cold start (new process → first event)", "");
  lines.push(
    `A new \`node\` process imports the client, creates it and streams a 20-delta response; the time is \`performance.now()\` at the first event (ms since the process started, so Node's own boot is included for everyone). Median of ${settings.coldRuns} processes per client, interleaved.`,
    "",
  );
  row("client", "first event (ms)", "import + create (ms)", "vs AWS SDK");
  row("---", "---:", "---:", "---:");
  for (const c of cold) row(c.label, c.firstEventMs.toFixed(1), c.loadMs.toFixed(1), `${c.vsAwsSdk.toFixed(2)}×`);
  lines.push("");

  lines.push(`### ${fmt(settings.streams)} concurrent streams × ${fmt(settings.eventsPerStream)} events, one process`, "");
  lines.push(
    "All streams start at once (`Promise.all`) after one warm-up call; each client runs in its own process, so peak RSS (the kernel's high-water mark `VmHWM` of the whole process; not `resourceUsage().maxRSS`, which a spawned child inherits from its parent on Linux) is its own. The AWS SDK gets an `http.Agent` with as many sockets as streams (its default is 50).",
    "",
  );
  row("client", "events / s", "errors", "peak RSS (MB), median", "rounds (MB)", "CPU µs / event", "throughput vs AWS SDK");
  row("---", "---:", "---:", "---:", "---", "---:", "---:");
  for (const c of concurrency)
    row(c.label, fmt(c.eventsPerSecond), c.errors, c.peakRssMB.toFixed(0), c.peakRssSamplesMB.map((x) => x.toFixed(0)).join(", "), c.cpuUsPerEvent.toFixed(2), `${c.vsAwsSdk.toFixed(2)}×`);
  lines.push("");

  lines.push("### Time to first event (warm connection)", "");
  lines.push(
    `One process, all clients interleaved, ${fmt(settings.ttfeIterations)} calls each after 20 warm-up calls, keep-alive connection: from the call to the first event (for raw undici: the first body chunk). The overhead is what streambed adds on top of the same undici request: resolving the model, building and SigV4-signing the body, decoding the first frame.`,
    "",
  );
  row("client", "median (ms)", "p90 (ms)", "over its transport's raw floor (ms)");
  row("---", "---:", "---:", "---:");
  for (const t of ttfe) row(t.label, t.medianMs.toFixed(3), t.p90Ms.toFixed(3), `${t.overheadMs >= 0 ? "+" : ""}${t.overheadMs.toFixed(3)}`);
  lines.push("");

  lines.push("### SigV4 signing of a 5 MB body", "");
  row("SHA-256", "ms per signature (median)");
  row("---", "---:");
  for (const s of r.signing) row(s.sha256, s.ms.toFixed(2));
  lines.push("");

  lines.push("### Import time", "");
  lines.push("`await import(x)` in a fresh process (Node's boot excluded), median of several processes; each row imports only that module, from the package that depends on it.", "");
  row("module", "ms", "what");
  row("---", "---:", "---");
  for (const i of r.importTime) row(`\`${i.module}\``, i.ms.toFixed(1), i.what);
  lines.push("");
  lines.push(NOTES);
  return lines.join("\n");
}

export function writeClientReport(report: ClientReport): void {
  const dir = join(here, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "client.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeBenchmarksSection(START, END, section(report));
}

/** Replace the part of docs/benchmarks.md between the `start` and `end` markers (appended when absent). */
export function writeBenchmarksSection(startMarker: string, endMarker: string, content: string): void {
  const doc = join(root, "docs", "benchmarks.md");
  const body = `${startMarker}\n${content}\n${endMarker}`;
  const current = existsSync(doc) ? readFileSync(doc, "utf8") : "# Benchmarks\n";
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  const next =
    start >= 0 && end > start ? current.slice(0, start) + body + current.slice(end + endMarker.length) : `${current.trimEnd()}\n\n${body}\n`;
  writeFileSync(doc, next);
}
