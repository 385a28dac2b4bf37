/**
 * The chaos run: a fixed number of iterations, each drawing one fault from the whole catalogue
 * (call-faults.ts: HTTP, wire and credential faults; config-race.ts: config writers racing), a
 * transport (undici or fetch) and one to four callers on one client (drain, complete, abort at a
 * random point, break early, stop pulling under a small timeouts.pullMs, a model listing), checking after
 * each: the outcome is a typed BedrockError the fault allows, or success; it finished before its
 * deadline (+ slack); no unhandled rejection, uncaught exception or listener-leak warning; no
 * handle left (sockets, timers, processes: back to where they were, pools closed); no server still
 * answering a request the client gave up; no secret in any error, debug entry, listing or output;
 * no lost config update. Each iteration's draw comes from (seed, iteration) alone, so one can be
 * replayed by itself. `npx tsx scripts/chaos.ts --help`.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BedrockError, type DebugEntry } from "@streambed/core";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { resetImdsCache } from "../../src/credentials/imds-source.js";
import { createBedrock, type BedrockOptions } from "../../src/create-bedrock.js";
import { deadEndpoint } from "../../src/credentials/loopback-servers.test-helper.js";
import { prng } from "../faults/prng.js";
import { visibleTexts } from "../faults/visible-texts.js";
import { CALL_FAULTS, type CallFault, type FaultContext } from "./call-faults.js";
import { drawBehaviour, runCall, within, type Behaviour, type PlannedCall } from "./chaos-caller.js";
import type { ChaosOptions, ChaosReport, Check, TransportName } from "./chaos-types.js";
import { captureOutput, handleCounts, handlesBackTo, secretScanner, watchProcess, type SecretScanner } from "./checks.js";
import { CLI, LAYOUTS, runConfigRace, type Layout } from "./config-race.js";
import { chaosSecrets, type ChaosSecrets } from "./secrets.js";

export type { ChaosOptions, ChaosReport, Check, TransportName, Violation } from "./chaos-types.js";

/** The seed of iteration `i`'s own PRNG: a mix of the run's seed and `i`. */
export function iterationSeed(seed: number, i: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One kind of the catalogue: a call fault, or a config race on a layout. */
type Kind = { name: string; category: string; call: CallFault } | { name: string; category: "config"; layout: Layout };

function catalogue(filter: readonly string[] | undefined): Kind[] {
  const all: Kind[] = [
    ...CALL_FAULTS.map((call) => ({ name: call.name, category: call.category, call })),
    ...LAYOUTS.map((layout) => ({ name: `config race: ${layout}`, category: "config" as const, layout })),
  ];
  if (!filter || filter.length === 0) return all;
  const wanted = filter.map((f) => f.toLowerCase());
  const kept = all.filter((k) => wanted.some((w) => k.name.toLowerCase().includes(w)));
  if (kept.length === 0) throw new Error(`no fault kind matches ${filter.join(", ")}`);
  return kept;
}

/** The bundled undici's Agent class (Node's fetch), from its global dispatcher (made on the first fetch). */
function fetchAgentClass(): new (options?: object) => { close(): Promise<void>; destroy(): Promise<void> } {
  const dispatcher = (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")] as { constructor: new () => never } | undefined;
  if (!dispatcher) throw new Error("Node's fetch has no global dispatcher yet");
  return dispatcher.constructor;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The run's shared pieces. */
interface Shared {
  emulator: RunningEmulator;
  secrets: ChaosSecrets;
  scanner: SecretScanner;
  deadUrl: string;
  root: string;
  slackMs: number;
  graceMs: number;
  cliAvailable: boolean;
}

interface IterationResult {
  kind: string;
  category: string;
  transport: TransportName | "-";
  behaviour: string;
  /** What each call did (for the counts), when not just `behaviour`. */
  calls?: string[];
  outcomes: string[];
  violations: Array<{ check: Check; detail: string }>;
  overrunMs?: number;
}

async function callIteration(shared: Shared, random: () => number, i: number, kind: Extract<Kind, { call: CallFault }>, transport: TransportName): Promise<IterationResult> {
  const violations: IterationResult["violations"] = [];
  const dir = join(shared.root, `i${i}`);
  await mkdir(dir, { recursive: true });
  const retry = random() < 0.8 ? { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } : { maxAttempts: 3, baseDelayMs: 10 + Math.floor(random() * 90), maxDelayMs: 50 + Math.floor(random() * 450) };
  const ctx: FaultContext = { random, emulatorUrl: shared.emulator.url, secrets: shared.secrets, dir, id: `chaos-${i}-${random().toString(36).slice(2)}`, retry, deadUrl: shared.deadUrl, transport };
  const fault = kind.call;
  const apis = fault.apis ?? (["stream", "complete"] as const);
  // Usually one call; sometimes 2–4 at once on the same client (they share its pool and one credential load).
  const count = random() < 0.2 ? 2 + Math.floor(random() * 3) : 1;
  const draws = Array.from({ length: count }, () => {
    const d = drawBehaviour(random, apis);
    return count > 1 && d.api === "listing" ? { api: "stream" as const, behaviour: { name: "drain" } as Behaviour } : d;
  });
  const plan = await fault.setup(ctx);

  // The client's limits: sometimes a total timeout (always when a source only a deadline ends and a
  // call would wait for it), pullMs when a call stops pulling, a first-byte limit for a listing.
  const unbounded = draws.some((d) => d.behaviour.name !== "abort-at" && d.behaviour.name !== "pre-aborted");
  const totalMs = random() < 0.45 || (plan.needsDeadline && unbounded) ? Math.floor(50 * Math.pow(160, random())) : undefined;
  const pullMs = draws.map((d) => (d.behaviour.name === "stop-pulling" ? d.behaviour.pullMs : 0)).find((ms) => ms > 0);
  const listing = draws[0]!.api === "listing";
  const firstByteMs = plan.options.timeouts?.firstByteMs ?? (listing ? 500 + Math.floor(random() * 2500) : undefined);
  const timeouts = {
    ...plan.options.timeouts,
    ...(firstByteMs === undefined ? {} : { firstByteMs }),
    ...(totalMs === undefined || listing ? {} : { totalMs }),
    ...(pullMs === undefined ? {} : { pullMs }),
  };
  const debugEntries: DebugEntry[] = [];
  const debugMode = random();

  const calls: PlannedCall[] = draws.map(({ api, behaviour }) => {
    if (behaviour.name === "stop-pulling") behaviour.pauseMs = Math.max(behaviour.pauseMs, 2 * pullMs!);
    const allowed = new Set<string>(api === "listing" ? ["listing"] : api === "complete" ? (plan.expectComplete ?? plan.expect.map((e) => (e === "done" ? "complete" : e))) : plan.expect);
    if (api !== "listing") {
      if (behaviour.name === "abort-at" || behaviour.name === "abort-after-events" || behaviour.name === "pre-aborted") allowed.add("AbortError");
      if (behaviour.name === "pre-aborted") for (const a of [...allowed]) if (a !== "AbortError") allowed.delete(a);
      if (behaviour.name === "break") allowed.add("break");
      if (behaviour.name === "stop-pulling") allowed.add("StreamAbandonedError");
      if (totalMs !== undefined) allowed.add("TimeoutError");
    }
    let deadlineMs = Math.min(totalMs ?? Infinity, plan.boundMs + (behaviour.name === "stop-pulling" ? behaviour.pauseMs : 0));
    if (behaviour.name === "abort-at") deadlineMs = Math.min(deadlineMs, behaviour.ms);
    // Looking for credentials, then the two control-plane requests at once, each within the first-byte limit.
    if (api === "listing") deadlineMs = 2 * firstByteMs! + 2_000;
    const controller = new AbortController();
    if (behaviour.name === "pre-aborted") controller.abort();
    const label = [api === "stream" ? "" : api, behaviour.name === api ? "" : behaviour.name].filter(Boolean).join(" ");
    return { api, behaviour, allowed, deadlineMs, controller, label };
  });

  // Fetch gets its own pool for this iteration (Node's fetch, its bundled undici Agent as the global dispatcher), closed afterwards.
  const dispatcherKey = Symbol.for("undici.globalDispatcher.1");
  const previousDispatcher = (globalThis as Record<symbol, unknown>)[dispatcherKey];
  const agent = transport === "fetch" ? new (fetchAgentClass())() : undefined;
  if (agent) (globalThis as Record<symbol, unknown>)[dispatcherKey] = agent;

  const options: BedrockOptions = {
    region: "us-east-1",
    endpoint: plan.endpoint,
    controlPlaneEndpoint: plan.endpoint,
    credentials: shared.secrets.keys.static,
    config: false,
    discoveryCache: "memory",
    env: { HOME: dir, AWS_EC2_METADATA_DISABLED: "true", AWS_ENDPOINT_URL_STS: shared.deadUrl },
    retry,
    ...plan.options,
    timeouts,
    ...(debugMode < 0.6 ? { debug: (e: DebugEntry) => void debugEntries.push(e) } : debugMode < 0.8 ? { debug: true } : {}),
    ...(transport === "fetch" ? { fetch: globalThis.fetch } : {}),
  };

  const capture = captureOutput();
  const bedrock = createBedrock(options);
  const limit = listing ? `, firstByteMs ${firstByteMs}` : totalMs === undefined ? ", no totalMs" : `, totalMs ${totalMs}`;
  const results = await Promise.all(calls.map((call, n) => runCall(shared.slackMs, bedrock, plan, call, violations, count > 1 ? `call ${n + 1} (${call.label}): ` : "", limit)));

  // Close: the client (its undici pool), then fetch's pool; neither may wait on a request still in flight.
  if ((await within(bedrock.close(), shared.graceMs)) === "timeout") violations.push({ check: "leak", detail: `bedrock.close() did not finish within ${shared.graceMs} ms (a request still in flight?)` });
  if (agent) {
    (globalThis as Record<symbol, unknown>)[dispatcherKey] = previousDispatcher;
    if ((await within(agent.close(), shared.graceMs)) === "timeout") {
      violations.push({ check: "leak", detail: `fetch's pool did not close within ${shared.graceMs} ms: a response body was neither read to the end nor cancelled` });
      await agent.destroy().catch(() => undefined);
    }
  }
  // No server may still be answering a request the client gave up.
  const until = Date.now() + shared.graceMs;
  while (plan.servers.some((s) => s.inFlight > 0) && Date.now() < until) await sleep(10);
  for (const s of plan.servers) if (s.inFlight > 0) violations.push({ check: "leak", detail: `the ${s.name} server is still answering ${s.inFlight} request(s) the call no longer waits for (connection not closed)` });
  await Promise.all(plan.servers.map((s) => s.close()));
  // Every process the fault started is gone.
  for (const pid of (await plan.pids?.()) ?? []) {
    const gone = Date.now() + shared.graceMs;
    while (alive(pid) && Date.now() < gone) await sleep(10);
    if (alive(pid)) {
      violations.push({ check: "leak", detail: `credential_process ${pid} still running after the call ended` });
      process.kill(pid, "SIGKILL");
    }
  }
  resetImdsCache();
  shared.emulator.requests.length = 0;
  await rm(dir, { recursive: true, force: true });
  const printed = capture.stop();

  // The outcomes, and secrets in everything a user could see: the errors (every way they print), results, debug entries, anything printed.
  const texts = [...debugEntries.flatMap((e, n) => visibleTexts(`debug ${n}`, e)), { where: "stdout/stderr", text: printed }];
  results.forEach(({ outcome }, n) => {
    const prefix = count > 1 ? `call ${n + 1} (${calls[n]!.label}): ` : "";
    if (outcome.outcome.startsWith("untyped:") || outcome.outcome.startsWith("listing threw")) {
      violations.push({ check: "untyped", detail: `${prefix}${outcome.outcome}: ${String((outcome.error as Error)?.message ?? outcome.error).slice(0, 300)}` });
    } else if (!calls[n]!.allowed.has(outcome.outcome)) {
      const message = outcome.error instanceof Error ? `: ${outcome.error.message.slice(0, 300)}` : "";
      violations.push({ check: "unexpected", detail: `${prefix}${outcome.outcome}${message} (allowed: ${[...calls[n]!.allowed].join(", ")})` });
    }
    texts.push(...visibleTexts(`${prefix}error`, outcome.error), ...outcome.texts.flatMap((t) => visibleTexts(`${prefix}result`, t)));
  });
  for (const { where, text } of texts) {
    for (const leak of shared.scanner.scan(where, text)) violations.push({ check: "secret", detail: `${leak.secret} (${leak.how}) in ${leak.where}: ${leak.excerpt}` });
  }
  const suffix = totalMs === undefined || listing ? "" : " +total";
  return {
    kind: kind.name,
    category: kind.category,
    transport,
    behaviour: count > 1 ? `${count} calls at once${suffix}` : `${calls[0]!.label}${suffix}`.trim(),
    calls: calls.map((c) => `${c.label}${suffix}${count > 1 ? " (concurrent)" : ""}`.trim()),
    outcomes: results.map((r) => r.outcome.outcome),
    violations,
    overrunMs: Math.max(...results.map((r) => r.overrunMs)),
  };
}

async function raceIteration(shared: Shared, random: () => number, i: number, kind: Extract<Kind, { layout: Layout }>): Promise<IterationResult> {
  const dir = join(shared.root, `i${i}`);
  await mkdir(dir, { recursive: true });
  const writers = 2 + Math.floor(random() * 9);
  const cliWriters = shared.cliAvailable ? Math.floor(random() * Math.min(4, writers + 1)) : 0;
  const started = performance.now();
  const capture = captureOutput();
  const race = runConfigRace({ random, dir, layout: kind.layout, writers, cliWriters, deadUrl: shared.deadUrl });
  const deadlineMs = 15_000 + cliWriters * 5_000;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const result = await Promise.race([race, new Promise<"hung">((resolve) => (watchdog = setTimeout(() => resolve("hung"), deadlineMs + shared.slackMs)))]);
  clearTimeout(watchdog);
  const printed = capture.stop();
  const violations: IterationResult["violations"] = [];
  if (result === "hung") {
    violations.push({ check: "hang", detail: `the race did not finish within ${deadlineMs + shared.slackMs} ms` });
    return { kind: kind.name, category: "config", transport: "-", behaviour: `${writers} writers (${cliWriters} cli)`, outcomes: ["hung"], violations };
  }
  for (const pid of result.pids) {
    const gone = Date.now() + shared.graceMs;
    while (alive(pid) && Date.now() < gone) await sleep(10);
    if (alive(pid)) violations.push({ check: "leak", detail: `config set process ${pid} still running` });
  }
  await rm(dir, { recursive: true, force: true });
  for (const p of result.problems) violations.push({ check: /^(lost update|torn read|the initial|.* is in the file|read-only file: (its|\d))/.test(p) ? "lost-update" : p.includes("untyped") ? "untyped" : "unexpected", detail: p });
  const scanner = secretScanner({ ...shared.secrets.all, ...result.secrets });
  for (const { where, value } of [...result.texts, { where: "stdout/stderr", value: printed }]) {
    for (const { text, where: w } of visibleTexts(where, value)) for (const leak of scanner.scan(w, text)) violations.push({ check: "secret", detail: `${leak.secret} (${leak.how}) in ${leak.where}: ${leak.excerpt}` });
  }
  const elapsed = performance.now() - started;
  return { kind: kind.name, category: "config", transport: "-", behaviour: `${writers} writers (${cliWriters} cli)`, outcomes: result.outcomes, violations, overrunMs: elapsed - deadlineMs };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const from = options.from ?? 0;
  const transports = options.transports ?? (["undici", "fetch"] as const);
  const kinds = catalogue(options.kinds);
  const secrets = chaosSecrets(options.seed);
  const root = await mkdtemp(join(tmpdir(), "streambed-chaos-"));
  const deadUrl = await deadEndpoint();
  const emulatorOnce = new Set<string>();
  const emulator = await startEmulator({
    credentials: Object.values(secrets.keys),
    bearerTokens: [secrets.bearerToken, secrets.configApiKey],
    // `x-chaos-once: <id>` + `x-chaos-once-fault`: the first call with that id gets the fault, the next ones a normal reply.
    script: (info) => {
      const id = info.headers["x-chaos-once"];
      if (!id || emulatorOnce.has(id)) return undefined;
      emulatorOnce.add(id);
      const fault = info.headers["x-chaos-once-fault"] ?? "500";
      if (fault === "expired-token") return { error: { status: 403, type: "ExpiredTokenException", message: "The security token included in the request is expired" } };
      return { fault };
    },
  });
  const shared: Shared = {
    emulator,
    secrets,
    scanner: secretScanner(secrets.all),
    deadUrl,
    root,
    slackMs: options.slackMs ?? 8_000,
    graceMs: options.graceMs ?? 3_000,
    cliAvailable: existsSync(CLI),
  };
  // Warm up what the first iterations would otherwise pay for inside their deadlines: Node's fetch
  // (its global dispatcher, whose Agent class each fetch iteration uses) and the AWS SDK's providers.
  await fetch(`${emulator.url}/warm-up`).then((r) => r.arrayBuffer()).catch(() => undefined);
  await import("../../src/credentials/aws-providers.js").then((m) => m.loadAwsProviders());

  const watcher = watchProcess();
  const report: ChaosReport = {
    seed: options.seed,
    from,
    ran: 0,
    planned: options.iterations,
    stoppedEarly: false,
    ms: 0,
    table: new Map(),
    iterationsByKind: new Map(),
    categories: {},
    transports: {},
    behaviours: {},
    violations: [],
    worstOverrunMs: -Infinity,
    cliAvailable: shared.cliAvailable,
  };
  const started = performance.now();
  try {
    for (let i = from; i < from + options.iterations; i++) {
      if (options.budgetSeconds !== undefined && performance.now() - started > options.budgetSeconds * 1000) {
        report.stoppedEarly = true;
        break;
      }
      const random = prng(iterationSeed(options.seed, i));
      const kind = pick(random, kinds);
      const transport = pick(random, transports);
      const baseline = handleCounts();
      const guardBefore = options.guardAttempts?.() ?? 0;
      let result: IterationResult;
      try {
        result = "call" in kind ? await callIteration(shared, random, i, kind, transport) : await raceIteration(shared, random, i, kind);
      } catch (error) {
        result = { kind: kind.name, category: kind.category, transport, behaviour: "?", outcomes: ["runner error"], violations: [{ check: "untyped", detail: `the iteration itself threw: ${(error as Error)?.stack ?? String(error)}` }] };
      }
      // Let late rejections surface, then check the process and the handles.
      await new Promise((resolve) => setImmediate(resolve));
      const events = watcher.take();
      for (const u of events.unhandled) result.violations.push({ check: "unhandled", detail: `unhandled rejection: ${u}` });
      for (const u of events.uncaught) result.violations.push({ check: "unhandled", detail: `uncaught exception: ${u}` });
      for (const w of events.warnings) if (/MaxListeners|leak/i.test(w)) result.violations.push({ check: "warning", detail: w });
      const above = await handlesBackTo(baseline, shared.graceMs);
      if (above.length > 0) result.violations.push({ check: "leak", detail: `handles not back to where they were: ${above.join(", ")}` });
      const guardAfter = options.guardAttempts?.() ?? 0;
      if (guardAfter > guardBefore) result.violations.push({ check: "non-loopback", detail: `${guardAfter - guardBefore} connection attempt(s) off loopback` });

      report.ran++;
      const row = report.table.get(result.kind) ?? new Map<string, number>();
      report.table.set(result.kind, row);
      for (const o of result.outcomes) row.set(o, (row.get(o) ?? 0) + 1);
      report.iterationsByKind.set(result.kind, (report.iterationsByKind.get(result.kind) ?? 0) + 1);
      report.categories[result.category] = (report.categories[result.category] ?? 0) + 1;
      report.transports[result.transport] = (report.transports[result.transport] ?? 0) + 1;
      for (const b of result.calls ?? [result.behaviour.replace(/^\d+ writers.*/, "config race")]) report.behaviours[b] = (report.behaviours[b] ?? 0) + 1;
      if (result.overrunMs !== undefined) report.worstOverrunMs = Math.max(report.worstOverrunMs, result.overrunMs);
      for (const v of result.violations) {
        report.violations.push({ iteration: i, kind: result.kind, transport: result.transport, behaviour: result.behaviour, ...v });
        log(`  VIOLATION #${i} ${result.kind} (${result.transport}, ${result.behaviour}) ${v.check}: ${v.detail}`);
      }
      if ((i - from + 1) % 50 === 0) log(`  ${i - from + 1} iterations, ${((performance.now() - started) / 1000).toFixed(0)} s, ${report.violations.length} violation(s)`);
    }
  } finally {
    watcher.stop();
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
  report.ms = performance.now() - started;
  return report;
}
