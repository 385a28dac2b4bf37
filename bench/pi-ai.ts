/**
 * The pi-ai row of `pnpm bench` (issue 18): pi-ai's built-in Bedrock provider (the AWS SDK) against
 * pi-ai + streambed (`registerStreambedBedrock()`), both through pi-ai's own `stream()`, in the
 * same run, against the same replay server (replay-server.ts), each in its own child process
 * (client-worker.ts). CPU per event of one long stream, and cold start (new process → first
 * event). Writes bench/results/pi-ai.json and its section of docs/benchmarks.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileChildren, median, round, startServer, worker } from "./client-bench.js";
import { writeBenchmarksSection } from "./client-report.js";

const here = dirname(fileURLToPath(import.meta.url));
const CONTENDERS = { "pi-ai-builtin": "pi-ai, built-in provider (AWS SDK)", "pi-ai-streambed": "pi-ai + streambed (registerStreambedBedrock)" } as const;
type Contender = keyof typeof CONTENDERS;

export interface PiAiRow {
  client: Contender;
  label: string;
  /** Median CPU (user + system) per text delta, µs, pi-ai's events included. */
  cpuUsPerEvent: number;
  eventsPerSecond: number;
  /** Median ms from process start to the first pi-ai event. */
  firstEventMs: number;
  /** Median ms importing pi-ai (and streambed) and registering. */
  loadMs: number;
}

export interface PiAiBenchResults {
  rows: PiAiRow[];
  /** Built-in CPU per event / streambed's: how many times less CPU with streambed. */
  cpuRatio: number;
  /** streambed's first event / the built-in's. */
  coldRatio: number;
  settings: { deltas: number; runs: number; coldRuns: number };
  /** 1-minute load average before and after the run (the machine may be shared). */
  loadAverage: { before: number; after: number };
}

export async function runPiAiBench(options: { scale: number; runs: number; log: (line: string) => void }): Promise<PiAiBenchResults> {
  const { scale, runs, log } = options;
  const deltas = Math.max(1000, Math.round(100_000 * scale));
  const coldRuns = Math.max(7, 2 * runs + 1);
  const loadBefore = round(loadavg()[0]!, 1);
  await compileChildren();
  const server = await startServer();
  try {
    const cpu = new Map<Contender, { cpuUs: number[]; wallMs: number[] }>();
    for (const client of Object.keys(CONTENDERS) as Contender[]) {
      cpu.set(client, await worker(["cpu", client, server.url, String(deltas), String(runs)], ["--expose-gc"]));
    }
    const cold = new Map<Contender, Array<{ firstEventMs: number; loadMs: number }>>([["pi-ai-builtin", []], ["pi-ai-streambed", []]]);
    for (let r = 0; r < coldRuns; r++) for (const client of cold.keys()) cold.get(client)!.push(await worker(["cold", client, server.url, "20"]));
    const rows: PiAiRow[] = (Object.keys(CONTENDERS) as Contender[]).map((client) => ({
      client,
      label: CONTENDERS[client],
      cpuUsPerEvent: round(median(cpu.get(client)!.cpuUs) / deltas, 3),
      eventsPerSecond: Math.round((deltas / median(cpu.get(client)!.wallMs)) * 1000),
      firstEventMs: round(median(cold.get(client)!.map((s) => s.firstEventMs)), 1),
      loadMs: round(median(cold.get(client)!.map((s) => s.loadMs)), 1),
    }));
    const [builtin, streambed] = rows as [PiAiRow, PiAiRow];
    const results = { rows, cpuRatio: round(builtin.cpuUsPerEvent / streambed.cpuUsPerEvent), coldRatio: round(streambed.firstEventMs / builtin.firstEventMs), settings: { deltas, runs, coldRuns }, loadAverage: { before: loadBefore, after: round(loadavg()[0]!, 1) } };
    log(`CPU per event (${deltas.toLocaleString("en")} text deltas, median of ${runs} runs after a warm-up) and cold start (median of ${coldRuns} processes)`);
    for (const r of rows) log(`  ${r.label.padEnd(48)} ${r.cpuUsPerEvent.toFixed(2).padStart(6)} µs/event ${r.eventsPerSecond.toLocaleString("en").padStart(10)} events/s  first event ${r.firstEventMs.toFixed(1)} ms (import + register ${r.loadMs.toFixed(1)} ms)`);
    log(`  streambed underneath: ${results.cpuRatio.toFixed(2)}× less CPU per event, cold start ${results.coldRatio.toFixed(2)}× the built-in's`);
    return results;
  } finally {
    await server.stop();
  }
}

const START = "<!-- pi-ai-bench:start -->";
const END = "<!-- pi-ai-bench:end -->";

function section(report: { date: string; machine: Record<string, unknown>; versions: Record<string, string>; results: PiAiBenchResults }): string {
  const { results } = report;
  const rows = results.rows.map((r) => `| ${r.label} | ${r.cpuUsPerEvent.toFixed(2)} | ${r.eventsPerSecond.toLocaleString("en")} | ${r.firstEventMs.toFixed(1)} | ${r.loadMs.toFixed(1)} |`).join("\n");
  return `## pi-ai: its built-in Bedrock provider vs pi-ai + streambed

Written by \`pnpm bench\` (bench/pi-ai.ts) on ${report.date.slice(0, 10)}: Node ${report.machine.node}, ${report.machine.cpu};
pi-ai ${report.versions["@mariozechner/pi-ai"]}. Both through pi-ai's own \`stream()\` (so pi-ai's event stream is in both),
same run, same replay server (bench/replay-server.ts, HTTP/1.1 on loopback), each contender in its own
child process. CPU: one stream of ${results.settings.deltas.toLocaleString("en")} text deltas, median of
${results.settings.runs} runs after a warm-up. Cold start: a new \`node\` process per sample → its first pi-ai
event (importing pi-ai, and streambed, included), median of ${results.settings.coldRuns} processes.
The built-in provider creates an AWS SDK client per call and loads it on the first call
(\`AWS_BEDROCK_FORCE_HTTP1=1\`, the replay server speaks HTTP/1.1); streambed keeps one client per settings.
1-minute load average ${results.loadAverage.before} before, ${results.loadAverage.after} after: read the ratios, which come from one run.

| contender | CPU µs / event | events / s | first event, ms from process start | import + register, ms |
|---|---:|---:|---:|---:|
${rows}

With streambed underneath pi-ai uses **${results.cpuRatio.toFixed(2)}× less CPU per event**, and its cold
start to the first event is **${results.coldRatio.toFixed(2)}×** the built-in provider's.`;
}

/** Write bench/results/pi-ai.json and the pi-ai section of docs/benchmarks.md. */
export function writePiAiReport(report: { date: string; machine: Record<string, unknown>; results: PiAiBenchResults }): void {
  const versions: Record<string, string> = {};
  for (const name of ["@mariozechner/pi-ai", "@streambed/pi-ai"]) {
    try {
      versions[name] = (JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      versions[name] = "?";
    }
  }
  const full = { ...report, versions };
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "pi-ai.json"), `${JSON.stringify(full, null, 2)}\n`);
  writeBenchmarksSection(START, END, section(full));
}
