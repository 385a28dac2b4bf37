/** The reduced soak (500 sequential + 100 concurrent streams per transport); `npx tsx scripts/soak.ts` runs the full one. */
import { describe, expect, it } from "vitest";
import { TRANSPORTS } from "./harness.js";
import { runSoak } from "./soak.js";

describe.each(TRANSPORTS)("soak (%s)", (transport) => {
  it("500 sequential + 100 concurrent streams with random faults: every outcome typed, nothing leaked, heap flat", { timeout: 180_000 }, async () => {
    const report = await runSoak({ transport, sequential: 500, concurrent: 100, seed: transport === "undici" ? 11 : 12 });
    expect(report.streams).toBe(600);
    expect(report.mismatches).toEqual([]);
    expect(Object.keys(report.outcomes).filter((o) => o.startsWith("untyped"))).toEqual([]);
    expect(report.outcomes.done).toBeGreaterThan(300);
    expect(Object.keys(report.outcomes).length).toBeGreaterThan(8); // the faults really were mixed in
    expect(report.unhandledRejections).toBe(0);
    expect(report.openConnectionsAfter).toBe(0);
    expect(report.handles.after.TCPSocketWrap).toBeLessThanOrEqual(report.handles.before.TCPSocketWrap!);
    expect(report.handles.after.Timeout).toBeLessThanOrEqual(report.handles.before.Timeout!);
    expect(report.heap.end - report.heap.warm).toBeLessThan(24 * 1024 * 1024);
  });
});
