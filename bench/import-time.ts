/**
 * Import time: `await import("streambed")` in a fresh Node process, and what it is made of (each
 * dependency imported alone, from the package that depends on it, in its own fresh process).
 * Median of `runs` processes per row; the rows are interleaved so machine load spreads over all.
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
}

function once(specifier: string, cwd: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const out = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: join(root, cwd), encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  if (out.status !== 0) throw new Error(`import ${specifier} failed: ${out.stderr.slice(0, 500)}`);
  return Number(out.stdout);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export function runImportTimeBench(options: { runs: number; log: (line: string) => void }): ImportTimeResult[] {
  const runs = Math.max(5, options.runs);
  const times = TARGETS.map((): number[] => []);
  for (let r = 0; r < runs; r++) TARGETS.forEach(([specifier, cwd], k) => times[k]!.push(once(specifier, cwd)));
  return TARGETS.map(([module, , what], k) => {
    const ms = Math.round(median(times[k]!) * 10) / 10;
    options.log(`${module.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms  ${what}`);
    return { module, what, ms };
  });
}
