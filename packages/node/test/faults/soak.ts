/**
 * The soak: many streams against the emulator with random faults mixed in. Every stream must end
 * in `done` or in the typed error its fault maps to; afterwards no unhandled rejection, no open
 * connection at the server side, no extra socket or timer handle, and the heap (after GC) back
 * near where it was. `npx tsx scripts/soak.ts` runs the full one; soak.test.ts a reduced one.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { startEmulator } from "@streambed/emulator";
import { BedrockError } from "@streambed/core";
import { ask, clientFor, drain, faultModel, KEYS, type TransportName } from "./harness.js";
import { prng } from "./prng.js";
import { startTcpCounter } from "./tcp-counter.js";

/** Fault → the error class name it must end in (`done` for none). */
export const SOAK_FAULTS: Record<string, string> = {
  "": "done",
  "429": "ThrottlingError",
  "500": "InternalServerError",
  "503": "ServiceUnavailableError",
  "403": "AccessDeniedError",
  "400": "ValidationError",
  internalServerException: "InternalServerError",
  modelStreamErrorException: "ModelStreamError",
  validationException: "ValidationError",
  throttlingException: "ThrottlingError",
  serviceUnavailableException: "ServiceUnavailableError",
  "error-frame": "UnknownServiceError",
  "bad-prelude-crc": "EventStreamDecodeError",
  "bad-message-crc": "EventStreamDecodeError",
  truncated: "EventStreamDecodeError",
  reset: "NetworkError",
  "reset-mid": "NetworkError",
  stall: "TimeoutError",
};

export interface SoakOptions {
  transport: TransportName;
  sequential: number;
  concurrent: number;
  /** Share of streams that get a fault. Default 0.3. */
  faultRate?: number;
  seed?: number;
  /** `timeouts.idleMs` of the sequential phase (the stall faults end there). Default 1000; the concurrent phase uses 3000. */
  idleMs?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  transport: TransportName;
  streams: number;
  /** Outcome name → count. */
  outcomes: Record<string, number>;
  /** Streams whose outcome was not the one their fault maps to (first few). */
  mismatches: string[];
  unhandledRejections: number;
  /** Connections the server side still had open after the client closed. */
  openConnectionsAfter: number;
  /** Handle counts (process.getActiveResourcesInfo) before and after, for sockets and timers. */
  handles: { before: Record<string, number>; after: Record<string, number> };
  /** heapUsed after GC: after the warm-up, and at the end. */
  heap: { warm: number; end: number };
  ms: number;
  sequentialMs: number;
  concurrentMs: number;
}

function gcFunction(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return { TCPSocketWrap: counts.TCPSocketWrap ?? 0, TCPServerWrap: counts.TCPServerWrap ?? 0, Timeout: counts.Timeout ?? 0 };
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const random = prng(options.seed ?? 1);
  const faultRate = options.faultRate ?? 0.3;
  const faults = Object.keys(SOAK_FAULTS).filter((f) => f !== "");
  const gc = gcFunction();
  let unhandledRejections = 0;
  const onUnhandled = () => void unhandledRejections++;
  process.on("unhandledRejection", onUnhandled);

  const emulator = await startEmulator({ credentials: [KEYS] });
  const counter = await startTcpCounter(emulator.port);
  const outcomes: Record<string, number> = {};
  const mismatches: string[] = [];
  let streams = 0;

  async function one(client: ReturnType<typeof clientFor>, i: number): Promise<void> {
    const fault = random() < faultRate ? faults[Math.floor(random() * faults.length)]! : "";
    // The emulator's stall is cut short when the client closes the connection at the idle timeout.
    const header = fault === "stall" ? "stall:60" : fault;
    const { events, error } = await drain(client.stream(ask(faultModel(header || undefined), `soak stream ${i} with some words`)));
    const outcome = error === undefined ? (events.at(-1)?.type === "done" ? "done" : "no-done") : error instanceof BedrockError ? error.name : `untyped:${String(error)}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    // The emulator records every request; drop the record so the heap check measures the client.
    emulator.requests.length = 0;
    streams++;
    if (outcome !== SOAK_FAULTS[fault] && mismatches.length < 20) mismatches.push(`#${i} fault "${fault}" → ${outcome}${error ? `: ${(error as Error).message.slice(0, 160)}` : ""}`);
  }

  const handlesBefore = handleCounts();
  const started = performance.now();
  // Sequential: one client, one stream after another.
  const seqClient = clientFor(counter, options.transport, { timeouts: { idleMs: options.idleMs ?? 1000 } });
  const warmup = Math.max(1, Math.floor(options.sequential / 10));
  let warm = 0;
  for (let i = 0; i < options.sequential; i++) {
    await one(seqClient, i);
    if (i + 1 === warmup) {
      gc();
      warm = process.memoryUsage().heapUsed;
    }
    if ((i + 1) % 1000 === 0) log(`  ${options.transport}: ${i + 1} sequential streams, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await seqClient.close();
  const sequentialMs = performance.now() - started;
  // Concurrent: all at once on one client (its pool opens as many connections as needed).
  const concurrentStarted = performance.now();
  const conClient = clientFor(counter, options.transport, { timeouts: { idleMs: 3000 } });
  await Promise.all(Array.from({ length: options.concurrent }, (_, i) => one(conClient, options.sequential + i)));
  await conClient.close();
  const concurrentMs = performance.now() - concurrentStarted;
  log(`  ${options.transport}: ${options.concurrent} concurrent streams, ${(concurrentMs / 1000).toFixed(1)} s`);

  // Wait for the server side to see every connection closed (fetch's pool idles out in ~4 s).
  await counter.waitForNoneOpen();
  const openConnectionsAfter = counter.open + counter.openIdle;
  await counter.close();
  await emulator.close();
  // Let closed handles leave the event loop before counting.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  gc();
  const end = process.memoryUsage().heapUsed;
  const handlesAfter = handleCounts();
  process.off("unhandledRejection", onUnhandled);
  return {
    transport: options.transport,
    streams,
    outcomes,
    mismatches,
    unhandledRejections,
    openConnectionsAfter,
    handles: { before: handlesBefore, after: handlesAfter },
    heap: { warm, end },
    ms: performance.now() - started,
    sequentialMs,
    concurrentMs,
  };
}
