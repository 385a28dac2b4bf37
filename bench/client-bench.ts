/**
 * Client benchmarks (issue 8): streambed against `@aws-sdk/client-bedrock-runtime`,
 * `@ai-sdk/amazon-bedrock` and raw undici, on loopback, against the replay server
 * (replay-server.ts), in one run so that every comparison is a ratio of numbers from the same run.
 *
 * Every client runs in its own child process (client-worker.ts, compiled with esbuild and run with
 * plain `node`): its CPU time, RSS and import cost are its own, and the replay server's work is
 * in yet another process. See docs/benchmarks.md for what each measure is.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");

/** Every contender, by client module name (bench/clients/<name>.ts). */
export const CLIENTS = {
  "raw-undici": "raw undici, bytes only (floor)",
  "raw-undici-agent": "raw undici, Agent file only, bytes only (floor)",
  "raw-node-http": "raw node:http, bytes only (floor)",
  "streambed-undici": "streambed (undici, createBedrock default)",
  "streambed-fetch": "streambed (fetch transport)",
  "streambed-node-http": "streambed (node:http transport)",
  "aws-sdk": "@aws-sdk/client-bedrock-runtime (NodeHttpHandler, HTTP/1.1)",
  "ai-sdk": "@ai-sdk/amazon-bedrock (doStream)",
  "ai-sdk-streamtext": "ai streamText + @ai-sdk/amazon-bedrock",
  "pi-ai-builtin": "@mariozechner/pi-ai's Bedrock provider (stream())",
} as const;
type Client = keyof typeof CLIENTS;

export interface CpuRow {
  client: Client;
  label: string;
  events: number;
  /** Median CPU (user + system) per text delta, µs. */
  cpuUsPerEvent: number;
  /** CPU per text delta of every round, µs, in round order (rounds are interleaved across clients). */
  cpuUsPerEventSamples: number[];
  /** Events per second of wall time (median run). */
  eventsPerSecond: number;
  /** The AWS SDK's CPU per event divided by this row's: how many times less CPU than the SDK. */
  vsAwsSdk: number;
}

export interface ColdRow {
  client: Client;
  label: string;
  /** Median ms from process start (node's own boot included) to the first streamed event. */
  firstEventMs: number;
  /** Every process's first event, ms, in round order (rounds are interleaved across clients). */
  samplesMs: number[];
  /** Median ms spent importing the client's library and creating the client. */
  loadMs: number;
  /** firstEventMs divided by the AWS SDK's. */
  vsAwsSdk: number;
}

export interface ConcurrencyRow {
  client: Client;
  label: string;
  streams: number;
  eventsPerStream: number;
  events: number;
  errors: number;
  firstError?: string;
  wallMs: number;
  eventsPerSecond: number;
  cpuUsPerEvent: number;
  /** Median over the rounds. */
  peakRssMB: number;
  /** Peak RSS of every round, MB, in round order (rounds are interleaved across clients). */
  peakRssSamplesMB: number[];
  /** Throughput divided by the AWS SDK's. */
  vsAwsSdk: number;
}

export interface TtfeRow {
  client: Client;
  label: string;
  /** Median ms from the call to its first event (first body chunk for raw undici), warm connection. */
  medianMs: number;
  p90Ms: number;
  /** medianMs minus the raw floor's of the same transport (raw node:http for node:http rows, else raw undici). */
  overheadMs: number;
}

export interface ClientBenchResults {
  cpu: CpuRow[];
  cold: ColdRow[];
  concurrency: ConcurrencyRow[];
  ttfe: TtfeRow[];
  settings: { deltas: number; runs: number; coldRuns: number; streams: number; eventsPerStream: number; ttfeIterations: number; concurrencyRounds: number };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Compile the children (no bundling: each imports its library from node_modules as users do). */
export async function compileChildren(): Promise<void> {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(here, "client-worker.ts"), join(here, "replay-server.ts"), join(here, "clients/*.ts")],
    outdir: out,
    outbase: here,
    format: "esm",
    platform: "node",
    target: "node20",
    bundle: false,
    logLevel: "warning",
  });
}

/** Environment of every child: no proxy (loopback only), no NODE_OPTIONS from the parent (tsx). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(https?_proxy|no_proxy|all_proxy|node_options)$/i.test(k)) env[k] = v;
  return env;
}

export async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(out, "replay-server.js")], { stdio: ["pipe", "pipe", "inherit"], env: childEnv() });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.stdin!.end();
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

/** Run one worker and parse its JSON line. */
export async function worker<T>(args: string[], nodeFlags: string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeFlags, join(out, "client-worker.js"), ...args], { stdio: ["ignore", "pipe", "pipe"], env: childEnv() });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`worker ${args.join(" ")} failed (${code}):\n${stderr.slice(-2000)}`);
  return JSON.parse(stdout.trim().split("\n").pop()!) as T;
}

/**
 * Warm-up streams before the three measured ones in each CPU round. With one (the method until
 * issue 20's fifth pass) the first measured stream was still ≈ 45 % above steady state for
 * streambed and the raw floors (JIT tier-up, young-generation sizing) and ≈ 8 % for the AWS SDK,
 * whose one long warm-up stream does more of that work: 8 streams in a row, 200,000 deltas each,
 * streambed 1.52 → 0.91–1.05 µs from the second on, the AWS SDK 12.0 → 10.7–11.3.
 */
const CPU_WARMUPS = 3;

export async function runClientBench(options: { scale: number; runs: number; log: (line: string) => void }): Promise<ClientBenchResults> {
  const { scale, runs, log } = options;
  const deltas = Math.max(1000, Math.round(200_000 * scale));
  const streams = Math.max(10, Math.round(1000 * scale));
  const eventsPerStream = Math.max(10, Math.round(1000 * scale));
  const coldRuns = Math.max(5, runs + 2);
  const ttfeIterations = Math.max(50, Math.round(300 * scale));
  await compileChildren();
  const server = await startServer();
  try {
    // 1. CPU per event and events/s: one long stream. Rounds interleaved across clients (each round a
    // new child per client: CPU_WARMUPS warm-up streams, then three measured streams, whose median is
    // the round's figure: steady state, as a long-running process sees it), so every client's median
    // comes from the same stretches of machine load.
    const cpuClients: Client[] = ["raw-undici", "raw-node-http", "streambed-undici", "streambed-node-http", "streambed-fetch", "aws-sdk", "ai-sdk", "ai-sdk-streamtext", "pi-ai-builtin"];
    log(`CPU per event, ${deltas.toLocaleString("en")} text deltas in one stream (median of ${runs} interleaved rounds, each after ${CPU_WARMUPS} warm-up streams)`);
    const cpuSamples = new Map<Client, { cpuUs: number; wallMs: number }[]>(cpuClients.map((c) => [c, []]));
    for (let r = 0; r < runs; r++) {
      for (const client of cpuClients) {
        const x = await worker<{ cpuUs: number[]; wallMs: number[] }>(["cpu", client, server.url, String(deltas), "3", String(CPU_WARMUPS)], ["--expose-gc"]);
        cpuSamples.get(client)!.push({ cpuUs: median(x.cpuUs), wallMs: median(x.wallMs) });
      }
    }
    const cpu: CpuRow[] = cpuClients.map((client) => {
      const samples = cpuSamples.get(client)!;
      return {
        client,
        label: CLIENTS[client],
        events: deltas,
        cpuUsPerEvent: median(samples.map((x) => x.cpuUs)) / deltas,
        cpuUsPerEventSamples: samples.map((x) => round(x.cpuUs / deltas, 3)),
        eventsPerSecond: Math.round((deltas / median(samples.map((x) => x.wallMs))) * 1000),
        vsAwsSdk: 0,
      };
    });
    const sdkCpu = cpu.find((r) => r.client === "aws-sdk")!.cpuUsPerEvent;
    for (const r of cpu) {
      r.vsAwsSdk = round(sdkCpu / r.cpuUsPerEvent);
      r.cpuUsPerEvent = round(r.cpuUsPerEvent, 3);
      log(`  ${r.label.padEnd(62)} ${r.cpuUsPerEvent.toFixed(2).padStart(7)} µs/event ${r.eventsPerSecond.toLocaleString("en").padStart(11)} events/s  ${r.vsAwsSdk.toFixed(2)}× less CPU than the AWS SDK`);
    }

    // 2. Cold start: a new process per sample, clients interleaved.
    log(`Cold start: new node process → first event (median of ${coldRuns} processes each)`);
    const coldClients: Client[] = [
      "streambed-undici",
      "streambed-node-http",
      "streambed-fetch",
      "aws-sdk",
      "ai-sdk",
      "ai-sdk-streamtext",
      "pi-ai-builtin",
      "raw-undici",
      "raw-undici-agent",
      "raw-node-http",
    ];
    const coldSamples = new Map<Client, { firstEventMs: number; loadMs: number }[]>(coldClients.map((c) => [c, []]));
    for (let r = 0; r < coldRuns; r++) {
      for (const client of coldClients) coldSamples.get(client)!.push(await worker(["cold", client, server.url, "20"]));
    }
    const cold: ColdRow[] = coldClients.map((client) => ({
      client,
      label: CLIENTS[client],
      firstEventMs: round(median(coldSamples.get(client)!.map((s) => s.firstEventMs)), 1),
      samplesMs: coldSamples.get(client)!.map((s) => round(s.firstEventMs, 1)),
      loadMs: round(median(coldSamples.get(client)!.map((s) => s.loadMs)), 1),
      vsAwsSdk: 0,
    }));
    const sdkCold = cold.find((r) => r.client === "aws-sdk")!.firstEventMs;
    for (const r of cold) {
      r.vsAwsSdk = round(r.firstEventMs / sdkCold);
      log(`  ${r.label.padEnd(62)} ${r.firstEventMs.toFixed(1).padStart(7)} ms (import + create ${r.loadMs.toFixed(1)} ms)  ${r.vsAwsSdk.toFixed(2)}× the AWS SDK`);
    }

    // 3. Concurrency: all streams at once in one process; one child per client so RSS is its own.
    // Rounds interleaved across clients, so each client's RSS ratio to its transport's raw floor
    // comes from the same stretch of machine load.
    const concurrencyRounds = Math.max(1, runs);
    log(`Concurrency: ${streams} concurrent streams × ${eventsPerStream} events in one process (${concurrencyRounds} interleaved rounds)`);
    const concurrencyClients: Client[] = ["raw-undici-agent", "streambed-undici", "raw-node-http", "streambed-node-http", "streambed-fetch", "aws-sdk"];
    type ConcurrencySample = { wallMs: number; cpuUs: number; events: number; errors: number; firstError?: string; peakRssMB: number };
    const concurrencySamples = new Map<Client, ConcurrencySample[]>(concurrencyClients.map((c) => [c, []]));
    for (let r = 0; r < concurrencyRounds; r++) {
      for (const client of concurrencyClients) {
        concurrencySamples.get(client)!.push(await worker<ConcurrencySample>(["concurrency", client, server.url, String(streams), String(eventsPerStream)]));
      }
    }
    const concurrency: ConcurrencyRow[] = concurrencyClients.map((client) => {
      const samples = concurrencySamples.get(client)!;
      const events = samples.reduce((n, x) => n + x.events, 0);
      const wallMs = median(samples.map((x) => x.wallMs));
      const firstError = samples.find((x) => x.firstError)?.firstError;
      return {
        client,
        label: CLIENTS[client],
        streams,
        eventsPerStream,
        events: Math.round(events / samples.length),
        errors: samples.reduce((n, x) => n + x.errors, 0),
        ...(firstError ? { firstError } : {}),
        wallMs: round(wallMs, 0),
        eventsPerSecond: Math.round(median(samples.map((x) => (x.events / x.wallMs) * 1000))),
        cpuUsPerEvent: round(median(samples.map((x) => x.cpuUs / Math.max(1, x.events))), 3),
        peakRssMB: round(median(samples.map((x) => x.peakRssMB)), 1),
        peakRssSamplesMB: samples.map((x) => round(x.peakRssMB, 1)),
        vsAwsSdk: 0,
      };
    });
    const sdkRate = concurrency.find((r) => r.client === "aws-sdk")!.eventsPerSecond;
    for (const r of concurrency) {
      r.vsAwsSdk = round(r.eventsPerSecond / sdkRate);
      log(
        `  ${r.label.padEnd(62)} ${r.eventsPerSecond.toLocaleString("en").padStart(11)} events/s  ${r.errors} errors  peak RSS ${r.peakRssMB.toFixed(0)} MB  ${r.vsAwsSdk.toFixed(2)}× the AWS SDK's throughput${r.firstError ? `  (${r.firstError})` : ""}`,
      );
    }

    // 4. Time to first event on a warm connection, interleaved in one process, vs raw undici.
    log(`Time to first event, warm connection (median of ${ttfeIterations} calls each, interleaved)`);
    const ttfeClients: Client[] = ["raw-undici", "streambed-undici", "streambed-fetch", "aws-sdk", "raw-node-http", "streambed-node-http"];
    const samples = await worker<Record<Client, number[]>>(["ttfe", ttfeClients.join(","), server.url, "20", String(ttfeIterations)]);
    // Each client against the raw floor of its own transport (node:http rows against raw node:http).
    const floorMedian = (client: Client): number => median(samples[client.endsWith("node-http") ? "raw-node-http" : "raw-undici"]);
    const ttfe: TtfeRow[] = ttfeClients.map((client) => ({
      client,
      label: CLIENTS[client],
      medianMs: round(median(samples[client]), 3),
      p90Ms: round(quantile(samples[client], 0.9), 3),
      overheadMs: round(median(samples[client]) - floorMedian(client), 3),
    }));
    for (const r of ttfe) log(`  ${r.label.padEnd(62)} ${r.medianMs.toFixed(3).padStart(7)} ms median  p90 ${r.p90Ms.toFixed(3)} ms  +${r.overheadMs.toFixed(3)} ms over its transport's raw floor`);

    return { cpu, cold, concurrency, ttfe, settings: { deltas, runs, coldRuns, streams, eventsPerStream, ttfeIterations, concurrencyRounds } };
  } finally {
    await server.stop();
  }
}
