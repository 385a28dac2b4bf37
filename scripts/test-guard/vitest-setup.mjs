/**
 * vitest `setupFiles` entry of every package: installs the loopback guard in the test worker, makes
 * every child process a test starts load it too (`NODE_OPTIONS=--import …`, the Python guard through
 * `PYTHONPATH`; whether the child inherits `process.env` or is given an env of its own), and fails
 * the test — or, for attempts outside any test, the file — in which a non-loopback connection was
 * attempted by this process or a guarded child, even when the code under test swallowed the error.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach } from "vitest";
import { guardChildProcesses, guardedChildEnv, scrubInheritedCredentialSources, withPythonGuard } from "./child-env.mjs";
import { loopbackGuardAttempts, reportLoopbackGuardAttemptsOnStderr } from "./loopback-guard.mjs";

// What the machine's environment brings in (e.g. a CI runner's ECS task role) must not reach tests.
scrubInheritedCredentialSources(process.env);
const log = join(tmpdir(), `streambed-test-guard-${process.pid}-${randomUUID()}.log`);
process.env.STREAMBED_TEST_GUARD_LOG = log;
Object.assign(process.env, guardedChildEnv(process.env));
process.env.PYTHONPATH = withPythonGuard(process.env.PYTHONPATH);
process.env.PYTHONDONTWRITEBYTECODE ??= "1";
// …and children started with an env of their own.
guardChildProcesses();

// The failing test reports this process's attempts (with stacks); a child's go to its stderr too.
reportLoopbackGuardAttemptsOnStderr(false);

let seenInProcess = loopbackGuardAttempts().length;
let seenInChildren = 0;

function childAttempts() {
  let text;
  try {
    text = readFileSync(log, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return { message: line, stack: "" };
      }
    });
}

function check(where) {
  const attempts = loopbackGuardAttempts();
  const inProcess = attempts.slice(seenInProcess).filter((a) => !a.expected);
  const logged = childAttempts();
  // This process logs its own attempts there too: those are counted from memory (acknowledgeable).
  const children = logged.slice(seenInChildren).filter((a) => a.pid !== process.pid);
  seenInProcess = attempts.length;
  seenInChildren = logged.length;
  const all = [...inProcess.map((a) => ({ ...a, from: "this process" })), ...children.map((a) => ({ ...a, from: `child process ${a.pid ?? "?"} (${(a.argv ?? []).join(" ")})` }))];
  if (all.length === 0) return;
  const lines = all.map((a) => `  ${a.message}\n    from ${a.from}\n${(a.stack ?? "").split("\n").filter(Boolean).map((l) => `      ${l.trim()}`).join("\n")}`);
  throw new Error(`streambed test guard: ${all.length} non-loopback connection attempt(s) ${where} — tests may only use loopback:\n${lines.join("\n")}`);
}

afterEach(() => check("during this test"));
afterAll(() => {
  try {
    check("in this file outside its tests");
  } finally {
    rmSync(log, { force: true });
  }
});
