/**
 * Runs every example against the emulator (CI runs this through `pnpm test`): each must exit 0,
 * print what it promises and never leave loopback (each runs under the loopback guard; an attempt
 * fails the example even when the example swallowed the error).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { guardedChildEnv, scrubInheritedCredentialSources } from "../scripts/test-guard/child-env.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const cases: Array<{ file: string; expect: RegExp[] }> = [
  { file: "demo.ts", expect: [/LOCAL Bedrock emulator/, /Discovered \d+ streaming text models/, /AWS_BEARER_TOKEN_BEDROCK/] },
  { file: "quickstart.ts", expect: [/\[stop: stop \(end_turn\); tokens in \d+, out \d+/] },
  { file: "tools.ts", expect: [/tool get_weather\(\{"city":/, /assistant: /] },
  { file: "reasoning.ts", expect: [/\[thinking\]/, /\[answer\]/, /signature kept for the next turn: yes/] },
  { file: "image.ts", expect: [/\[sent \d+ image bytes\]/] },
  { file: "discovery.ts", expect: [/discovery: network/, /amazon-bedrock\//, /\d+ models/] },
  { file: "pi-ai.ts", expect: [/\[pi-ai stream: stop; tokens in \d+, out \d+/, /\[pi-ai complete: tool get_weather\(\{"city":/, /\[discovered \d+ Bedrock models for pi-ai/] },
  { file: "structured-output.ts", expect: [/\[parsed: \{"city":"Lisbon","days":\d+\}\]/, /\d+ day\(s\) in Lisbon/] },
  { file: "citations.ts", expect: [/\[cites "notes-txt": "Rivers flow to the sea\." \(document 0, documentChar 0–23\)\]/, /\[1 citation\(s\) kept on the final message\]/] },
  { file: "caching-and-tiers.ts", expect: [/\[input tokens counted: \d+\]/, /\[sending: .*serviceTier.*\]/, /\[service tier: flex\]/, /\[cache writes: 5m 0, 1h \d+; cost \$/] },
  { file: "custom-transport.ts", expect: [/\[transport\] POST http:\/\/127\.0\.0\.1:\d+\/model\/[^ ]+\/converse-stream → 200 in \d+ ms/, /body: \d+ bytes/, /\[stop: stop\]/] },
];
const only = process.argv.slice(2);

const guardLogs = await mkdtemp(join(tmpdir(), "streambed-examples-guard-"));

/** Non-loopback connection attempts the guard refused in the run of `file` (one line each). */
async function guardAttempts(file: string): Promise<string[]> {
  const text = await readFile(join(guardLogs, `${file}.log`), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      try {
        return (JSON.parse(line) as { message: string }).message;
      } catch {
        return line;
      }
    });
}

function run(file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const inherited = scrubInheritedCredentialSources({ ...process.env, STREAMBED_EXAMPLES_USE_AWS: "", NO_COLOR: "1" });
    const child = spawn(process.execPath, ["--import", "tsx", join(here, file)], {
      cwd: here,
      env: guardedChildEnv({ ...inherited, STREAMBED_TEST_GUARD_LOG: join(guardLogs, `${file}.log`) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

let passed = 0;
let failed = 0;
for (const c of cases) {
  if (only.length > 0 && !only.includes(c.file)) continue;
  const { code, out } = await run(c.file);
  const missing = c.expect.filter((re) => !re.test(out));
  const offLoopback = await guardAttempts(c.file);
  if (code === 0 && missing.length === 0 && offLoopback.length === 0) {
    passed++;
    console.log(`✓ examples/${c.file}`);
  } else {
    failed++;
    const left = offLoopback.length > 0 ? `; left loopback ${offLoopback.length} time(s)` : "";
    console.log(`✗ examples/${c.file} (exit ${code}; missing ${missing.map(String).join(", ") || "nothing"}${left})\n${out.split("\n").map((l) => `    ${l}`).join("\n")}`);
  }
}
await rm(guardLogs, { recursive: true, force: true });
console.log(`examples: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
