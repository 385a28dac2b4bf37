/**
 * Test helper: bundles examples/edge-worker.ts the way edge deployments do, and finds Node leftovers
 * in the result. Resolution goes through the real `streambed` package and its export conditions.
 */
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const examplesDir = fileURLToPath(new URL("../../../examples/", import.meta.url));
export const workerEntry = `${examplesDir}edge-worker.ts`;

/** How each runtime's tooling resolves packages (wrangler for workerd, Next/Vercel for edge-light). */
export const TARGETS = {
  "workerd (browser platform)": { platform: "browser", conditions: ["workerd", "worker", "browser"] },
  "workerd (neutral platform)": { platform: "neutral", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"] },
  "edge-light (browser platform)": { platform: "browser", conditions: ["edge-light", "browser"] },
  "edge-light (neutral platform)": { platform: "neutral", conditions: ["edge-light", "browser"], mainFields: ["browser", "module", "main"] },
} satisfies Record<string, BuildOptions>;

const builtins = new Set(builtinModules);

/** Records (and keeps out of the bundle) every import of a Node built-in, with its importer. */
function nodeImports(found: string[]): Plugin {
  return {
    name: "node-imports",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, "").split("/")[0]!;
        if (args.path.startsWith("node:") || builtins.has(bare)) {
          found.push(`${args.path} (from ${args.importer.replace(/.*node_modules\//, "")})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

export interface WorkerBundle {
  code: string;
  /** Imports of Node built-ins (`node:zlib`, `buffer`, …) that the bundle would need. */
  nodeImports: string[];
  metafile: Metafile;
}

/** Bundle `entry` (default: the edge worker example) for one target; extra options override. */
export async function bundleWorker(target: BuildOptions, extra: BuildOptions = {}): Promise<WorkerBundle> {
  const found: string[] = [];
  const result = await build({
    entryPoints: [workerEntry],
    absWorkingDir: repoRoot,
    bundle: true,
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [nodeImports(found)],
    ...target,
    ...extra,
  });
  return { code: result.outputFiles![0]!.text, nodeImports: found, metafile: result.metafile! };
}

/**
 * Free references to `Buffer`, `process`, `global`, `__dirname` or `require` in bundled code, each
 * with some context (comments and string contents are blanked first, so prose does not count).
 */
export function nodeGlobals(code: string): string[] {
  const stripped = code
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:\\])\/\/[^\n]*/g, "$1")
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, "``")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''");
  const hits: string[] = [];
  for (const match of stripped.matchAll(/(?<![.\w$])(?:Buffer|process|__dirname|require|global(?=\s*[.[]))\b(?!\s*:)/g)) {
    hits.push(stripped.slice(Math.max(0, match.index - 30), match.index + 30).replace(/\s+/g, " "));
  }
  return hits;
}

/** Inputs of the bundle grouped by package (`@streambed/core`, `valibot`, …). */
export function inputPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
    const ws = /packages\/([^/]+)\//.exec(input);
    names.add(dep ? dep[1]! : ws ? `@streambed/${ws[1]}` : input.replace(/.*\//, ""));
  }
  return [...names].sort();
}
