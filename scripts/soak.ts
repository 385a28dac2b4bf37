// The full soak: 10,000 sequential + 1,000 concurrent streams per transport (undici, fetch) against
// the local emulator with random faults mixed in. Fails (exit 1) on an untyped or unexpected
// outcome, an unhandled rejection, a connection or handle left open, or heap growth over 32 MiB.
//   npx tsx scripts/soak.ts   (SOAK_SEQUENTIAL, SOAK_CONCURRENT, SOAK_SEED, SOAK_IDLE_MS=250, SOAK_TRANSPORTS=undici,fetch)
import { runSoak } from "../packages/node/test/faults/soak.ts";

const sequential = Number(process.env.SOAK_SEQUENTIAL ?? 10_000);
const concurrent = Number(process.env.SOAK_CONCURRENT ?? 1_000);
const seed = Number(process.env.SOAK_SEED ?? 1);
const idleMs = Number(process.env.SOAK_IDLE_MS ?? 250);
const transports = (process.env.SOAK_TRANSPORTS ?? "undici,fetch").split(",") as Array<"undici" | "fetch">;
const MiB = 1024 * 1024;
let failed = false;
for (const transport of transports) {
  console.log(`soak (${transport}): ${sequential.toLocaleString("en")} sequential + ${concurrent.toLocaleString("en")} concurrent streams, seed ${seed}`);
  const r = await runSoak({ transport, sequential, concurrent, seed, idleMs, log: (line) => console.log(line) });
  const problems: string[] = [];
  if (r.mismatches.length > 0) problems.push(`unexpected outcomes:\n    ${r.mismatches.join("\n    ")}`);
  if (r.unhandledRejections > 0) problems.push(`${r.unhandledRejections} unhandled rejection(s)`);
  if (r.openConnectionsAfter > 0) problems.push(`${r.openConnectionsAfter} connection(s) still open at the server`);
  if (r.handles.after.TCPSocketWrap > r.handles.before.TCPSocketWrap) problems.push(`sockets: ${r.handles.before.TCPSocketWrap} before, ${r.handles.after.TCPSocketWrap} after`);
  if (r.handles.after.Timeout > r.handles.before.Timeout) problems.push(`timers: ${r.handles.before.Timeout} before, ${r.handles.after.Timeout} after`);
  if (r.heap.end - r.heap.warm > 32 * MiB) problems.push(`heap grew ${((r.heap.end - r.heap.warm) / MiB).toFixed(1)} MiB`);
  console.log(
    `  ${r.streams} streams in ${(r.ms / 1000).toFixed(1)} s (sequential ${(r.sequentialMs / 1000).toFixed(1)} s, concurrent ${(r.concurrentMs / 1000).toFixed(1)} s); ` +
      `heap after GC ${(r.heap.warm / MiB).toFixed(1)} → ${(r.heap.end / MiB).toFixed(1)} MiB; handles ${JSON.stringify(r.handles)}`,
  );
  console.log(`  outcomes ${JSON.stringify(r.outcomes)}`);
  if (problems.length > 0) {
    failed = true;
    console.log(`  FAILED: ${problems.join("; ")}`);
  } else console.log("  ok");
}
process.exitCode = failed ? 1 : 0;
