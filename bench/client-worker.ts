/**
 * One benchmark child process (compiled to dist/client-worker.js and run with plain `node`, so no
 * loader sits in the measured process). Prints one JSON line on stdout and exits.
 *
 *   node client-worker.js cpu <client> <url> <deltas> <runs> [warmups] CPU µs and wall per run (after `warmups` warm-up runs, default 1)
 *   node client-worker.js cold <client> <url> <deltas>                ms since process start → first event
 *   node client-worker.js concurrency <client> <url> <streams> <deltas>  all streams at once: wall, errors, peak RSS
 *   node client-worker.js ttfe <clients,…> <url> <deltas> <iterations>   request → first event, interleaved, every sample
 *
 * Only node: builtins are imported statically; the client under test is imported on demand, so a
 * cold-start child loads its own library and nothing else.
 */
import { readFileSync } from "node:fs";
import type { BenchClient, ClientModule } from "./clients/types.js";

const [mode, clientArg, url, a, b, c] = process.argv.slice(2);

async function load(name: string, sockets = 64): Promise<BenchClient> {
  const module = (await import(`./clients/${name}.js`)) as ClientModule;
  return module.open(url!, { sockets });
}

function expect(name: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${name} delivered ${got} text deltas, expected ${want}`);
}

async function cpu(name: string, deltas: number, runs: number, warmups: number): Promise<unknown> {
  const client = await load(name);
  for (let w = 0; w < warmups; w++) expect(name, await client.stream(deltas), deltas); // warm-up: JIT, heap sizing, connection
  const cpuUs: number[] = [];
  const wallMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const n = await client.stream(deltas);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    expect(name, n, deltas);
    cpuUs.push(c.user + c.system);
    wallMs.push(t);
  }
  await client.close();
  return { cpuUs, wallMs };
}

async function cold(name: string, deltas: number): Promise<unknown> {
  const t0 = performance.now(); // ms since this process started
  const client = await load(name);
  const loaded = performance.now();
  let first = 0;
  const n = await client.stream(deltas, () => (first = performance.now()));
  expect(name, n, deltas);
  await client.close();
  return { bootMs: t0, loadMs: loaded - t0, firstEventMs: first };
}

/**
 * Peak RSS of this process, MB: the kernel's high-water mark (`VmHWM`, reset by exec) on Linux.
 * Not `resourceUsage().maxRSS`: on Linux a spawned child inherits its parent's maxrss at fork,
 * so it would report the bench runner's peak. Elsewhere: the highest sampled RSS.
 */
function peakRssMB(sampledBytes: number): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb !== undefined) return Number(kb) / 1024;
  } catch {
    // no /proc
  }
  return sampledBytes / 2 ** 20;
}

async function concurrency(name: string, streams: number, deltas: number): Promise<unknown> {
  const client = await load(name, streams);
  expect(name, await client.stream(10), 10); // warm-up
  // RSS sampled every 10 ms as well, for systems without /proc (see peakRssMB).
  let sampled = process.memoryUsage.rss();
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 10);
  let errors = 0;
  let events = 0;
  const firstError: string[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: streams }, () =>
      client.stream(deltas).then(
        (n) => {
          events += n;
          if (n !== deltas) errors++;
        },
        (error: unknown) => {
          errors++;
          if (firstError.length === 0) firstError.push(String((error as Error)?.message ?? error).slice(0, 200));
        },
      ),
    ),
  );
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  clearInterval(sampler);
  sampled = Math.max(sampled, process.memoryUsage.rss());
  await client.close();
  return {
    wallMs,
    cpuUs: c.user + c.system,
    events,
    errors,
    firstError: firstError[0],
    peakRssMB: peakRssMB(sampled),
  };
}

async function ttfe(names: string[], deltas: number, iterations: number): Promise<unknown> {
  const clients = await Promise.all(names.map((n) => load(n)));
  const samples: number[][] = names.map(() => []);
  for (let i = -20; i < iterations; i++) {
    for (let k = 0; k < clients.length; k++) {
      let first = 0;
      const t0 = performance.now();
      expect(names[k]!, await clients[k]!.stream(deltas, () => (first = performance.now())), deltas);
      if (i >= 0) samples[k]!.push(first - t0);
    }
  }
  await Promise.all(clients.map((c) => c.close()));
  return Object.fromEntries(names.map((n, k) => [n, samples[k]]));
}

const result =
  mode === "cpu"
    ? await cpu(clientArg!, Number(a), Number(b), Number(c ?? 1))
    : mode === "cold"
      ? await cold(clientArg!, Number(a))
      : mode === "concurrency"
        ? await concurrency(clientArg!, Number(a), Number(b))
        : mode === "ttfe"
          ? await ttfe(clientArg!.split(","), Number(a), Number(b))
          : (() => {
              throw new Error(`unknown mode ${mode}`);
            })();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
