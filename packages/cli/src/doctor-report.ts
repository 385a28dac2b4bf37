import pc from "picocolors";
import { describeLearnedFacts, type LearnedModelFacts } from "@streambed/core";

/** One line of `streambed doctor`. */
export interface DoctorCheck {
  status: "ok" | "warn" | "fail" | "info";
  label: string;
  detail: string;
  /** Indented lines under the check (what was tried, hints). */
  more?: string[];
}

const MARK: Record<DoctorCheck["status"], (s: string) => string> = {
  ok: (s) => pc.green(s),
  warn: (s) => pc.yellow(s),
  fail: (s) => pc.red(s),
  info: (s) => pc.dim(s),
};
const SYMBOL: Record<DoctorCheck["status"], string> = { ok: "✓", warn: "!", fail: "✗", info: "·" };

/** The report: one aligned line per check, a summary line at the end. */
export function formatDoctorReport(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((c) => c.label.length));
  let out = "";
  for (const c of checks) {
    out += `${MARK[c.status](SYMBOL[c.status])} ${pc.bold(c.label.padEnd(width))}  ${c.detail}\n`;
    for (const line of c.more ?? []) out += `  ${" ".repeat(width)}  ${pc.dim(line)}\n`;
  }
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  out += failed > 0 ? pc.red(`\n${failed} problem(s) found.\n`) : warned > 0 ? pc.yellow(`\nNo problems; ${warned} warning(s).\n`) : pc.green("\nNo problems found.\n");
  return out;
}

/** A URL without user:password (proxies and endpoints may carry them). */
export function withoutUserInfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "(not a URL)";
  }
}

/** Is `version` (e.g. "20.19.1") at least `min` ("20.19")? */
export function atLeastVersion(version: string, min: string): boolean {
  const a = version.replace(/^v/, "").split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * The `learned` line: limits and refused fields Bedrock taught the client for `endpoint` (from the
 * discovery cache), one model per line with each fact's value and source. Undefined when nothing was learned.
 */
export function learnedCheck(learned: Record<string, LearnedModelFacts> | undefined, endpoint: string): DoctorCheck | undefined {
  const models = Object.entries(learned ?? {}).filter(([, facts]) => describeLearnedFacts(facts).length > 0);
  if (models.length === 0) return undefined;
  return {
    status: "info",
    label: "learned",
    detail: `${models.length} model(s) with limits or refused fields learned from Bedrock's errors at ${endpoint}`,
    more: models.flatMap(([id, facts]) => describeLearnedFacts(facts).map((line) => `${id}: ${line}`)),
  };
}
