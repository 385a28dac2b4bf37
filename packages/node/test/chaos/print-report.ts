/** The chaos run's report as text: counts per fault kind and outcome, per category, transport and behaviour, and the violations with how to replay each. */
import type { ChaosReport, Check } from "./run-chaos.js";

const CHECKS: readonly Check[] = ["untyped", "unexpected", "hang", "unhandled", "leak", "secret", "lost-update", "warning", "non-loopback"];

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");

export function printReport(report: ChaosReport, print: (line: string) => void, replayFlags = ""): void {
  print("");
  print(
    `chaos: ${report.ran} of ${report.planned} iterations in ${(report.ms / 1000).toFixed(1)} s (seed ${report.seed})` +
      `${report.stoppedEarly ? " — stopped early: the time budget ran out" : ""}`,
  );
  print("");
  const width = Math.max(...[...report.table.keys()].map((k) => k.length), 10);
  print(`${"fault kind".padEnd(width)}  iter. calls  outcomes (a config race counts its writers)`);
  print(`${"-".repeat(width)}  ----- -----  --------`);
  for (const [kind, row] of [...report.table.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const runs = [...row.values()].reduce((a, b) => a + b, 0);
    print(`${kind.padEnd(width)}  ${String(report.iterationsByKind.get(kind) ?? 0).padStart(5)} ${String(runs).padStart(5)}  ${counts(Object.fromEntries(row))}`);
  }
  const outcomes: Record<string, number> = {};
  for (const row of report.table.values()) for (const [o, n] of row) outcomes[o] = (outcomes[o] ?? 0) + n;
  print("");
  print(`outcomes:   ${counts(outcomes)}`);
  print(`categories: ${counts(report.categories)}`);
  print(`transports: ${counts(report.transports)}`);
  print(`calls by caller behaviour: ${counts(report.behaviours)}`);
  print(`kinds drawn: ${report.table.size}; slowest call against its deadline: ${Number.isFinite(report.worstOverrunMs) ? `${Math.round(report.worstOverrunMs)} ms` : "-"}${report.cliAvailable ? "" : "; the CLI is not built (pnpm build): config races used updateConfigFile only"}`);
  const byCheck = Object.fromEntries(CHECKS.map((c) => [c, report.violations.filter((v) => v.check === c).length]));
  print(`violations: ${report.violations.length} (${CHECKS.map((c) => `${c} ${byCheck[c]}`).join(", ")})`);
  if (report.violations.length === 0) return;
  print("");
  const iterations = [...new Set(report.violations.map((v) => v.iteration))];
  for (const i of iterations.slice(0, 40)) {
    const vs = report.violations.filter((v) => v.iteration === i);
    print(`#${i} ${vs[0]!.kind} (${vs[0]!.transport}, ${vs[0]!.behaviour}):`);
    for (const v of vs) print(`    ${v.check}: ${v.detail}`);
    print(`    replay: npx tsx scripts/chaos.ts --seed ${report.seed} --iteration ${i} ${replayFlags}`.trimEnd());
  }
  if (iterations.length > 40) print(`… and ${iterations.length - 40} more iterations with violations`);
}
