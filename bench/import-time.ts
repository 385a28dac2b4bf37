/**
 * Import time: `await import("streambed")` in a fresh Node process, and what it is made of (each
 * dependency imported alone, from the package that depends on it, in its own fresh process).
 * Median of `runs` processes per row; the rows are interleaved so machine load spreads over all.
 *
 * With `instructions` (and valgrind installed), each row also gets the instructions its import adds
 * to an empty ES module process, counted by `valgrind --tool=callgrind` (one process per row, over
 * the same count of a process importing nothing): repeatable to ≈ 1 % where milliseconds swing with
 * machine load. Standalone: `tsx import-time.ts [--instructions] [runs]`.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** [what is imported, from which folder it resolves, what it is]. */
const TARGETS: [string, string, string][] = [
  ["streambed", "bench", "everything createBedrock needs in Node"],
  ["@streambed/node", "packages/streambed", "the Node adapter (core + transport + the transports' modules; undici, json5 load when used)"],
  ["@streambed/core", "packages/node", "runtime-free client (transport; the valibot it uses is bundled in)"],
  ["@streambed/transport", "packages/core", "signing, decoder, errors (@smithy/signature-v4 bundled in)"],
  ["@streambed/transport/undici", "packages/node", "the undici transport module (undici's Agent and request() files load when the first transport is created)"],
  ["@streambed/transport/node-http", "packages/node", "the node:http transport module (node:http / node:https load when first used)"],
  ["undici/lib/dispatcher/agent.js", "packages/transport", "undici's Agent file alone (what the transport loads, with lib/api/api-request.js)"],
  ["undici", "packages/transport", "undici's full index alone (only loaded with a proxy variable set)"],
  ["@smithy/signature-v4", "packages/transport", "SigV4 from smithy alone"],
  ["valibot", "packages/core", "valibot alone"],
  ["json5", "packages/node", "json5 alone"],
  ["@aws-sdk/client-bedrock-runtime", "bench", "for comparison: the AWS SDK client"],
];

export interface ImportTimeResult {
  module: string;
  what: string;
  /** Median ms of `await import()` in a fresh process (node's own boot excluded). */
  ms: number;
  /** Millions of instructions the import adds to an empty ES module process (callgrind), when asked for. */
  instructionsM?: number;
}

function once(specifier: string, cwd: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const out = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: join(root, cwd), encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  if (out.status !== 0) throw new Error(`import ${specifier} failed: ${out.stderr.slice(0, 500)}`);
  return Number(out.stdout);
}

/** Instructions (millions) of a fresh ES module process importing `specifier` (nothing when undefined), under callgrind. */
function instructionsOf(specifier: string | undefined, cwd: string): number {
  const code = specifier === undefined ? "" : `await import(${JSON.stringify(specifier)});`;
  const out = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--input-type=module", "-e", code], {
    cwd: join(root, cwd),
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const collected = /Collected : (\d+)/.exec(out.stderr ?? "");
  if (out.status !== 0 || !collected) throw new Error(`callgrind of import ${specifier ?? "(nothing)"} failed: ${(out.stderr ?? String(out.error)).slice(-500)}`);
  return Number(collected[1]) / 1e6;
}

/** Whether `valgrind` runs here. */
function hasValgrind(): boolean {
  return spawnSync("valgrind", ["--version"], { encoding: "utf8" }).status === 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export function runImportTimeBench(options: { runs: number; log: (line: string) => void; instructions?: boolean }): ImportTimeResult[] {
  const runs = Math.max(5, options.runs);
  const times = TARGETS.map((): number[] => []);
  for (let r = 0; r < runs; r++) TARGETS.forEach(([specifier, cwd], k) => times[k]!.push(once(specifier, cwd)));
  const counted = options.instructions === true && hasValgrind();
  if (options.instructions && !counted) options.log("(valgrind not found: no instruction counts)");
  const empty = counted ? instructionsOf(undefined, "bench") : 0;
  return TARGETS.map(([module, cwd, what], k) => {
    const ms = Math.round(median(times[k]!) * 10) / 10;
    const instructionsM = counted ? Math.round(instructionsOf(module, cwd) - empty) : undefined;
    options.log(`${module.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms${instructionsM === undefined ? "" : ` ${String(instructionsM).padStart(5)} M instr.`}  ${what}`);
    return { module, what, ms, ...(instructionsM === undefined ? {} : { instructionsM }) };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  runImportTimeBench({ runs: Number(args.find((a) => /^\d+$/.test(a)) ?? 5), instructions: args.includes("--instructions"), log: console.log });
}
