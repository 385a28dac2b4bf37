/**
 * The runtime-free promise: `@streambed/transport` (main entry and `/fetch`) and `@streambed/core`
 * bundle for browsers and edge runtimes with no `node:` import, no Node built-in and no reference
 * to `Buffer` or `process`. Bundles the built `dist/` files (build transport and core first).
 */
import { builtinModules } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const transportIndex = here("../dist/index.js");
const transportFetch = here("../dist/fetch.js");
const coreIndex = here("../../core/dist/index.js");

const builtins = new Set(builtinModules);

/** Records (and keeps out of the bundle) every import of a Node built-in, with its importer. */
function nodeImports(found: string[]): Plugin {
  return {
    name: "node-imports",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, "").split("/")[0]!;
        if (args.path.startsWith("node:") || builtins.has(bare) || builtins.has(args.path)) {
          found.push(`${args.path} (from ${args.importer})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

/** Free references to Node globals in bundled code (string contents and comments are stripped first). */
function nodeGlobals(code: string): string[] {
  const stripped = code
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/[^\n]*/g, "")
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, "``")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''");
  const hits: string[] = [];
  for (const match of stripped.matchAll(/(?<![.\w$])(Buffer|process)\b(?!\s*:)/g)) {
    hits.push(stripped.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, " "));
  }
  return hits;
}

const targets: Array<[string, BuildOptions]> = [
  ["browser", { platform: "browser" }],
  // What wrangler does for workerd.
  ["neutral (workerd conditions)", { platform: "neutral", conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"] }],
];

async function bundle(entries: string[], options: BuildOptions): Promise<{ code: string; node: string[] }> {
  const node: string[] = [];
  const result = await build({
    stdin: {
      contents: entries.map((entry, i) => `export * as m${i} from ${JSON.stringify(entry)};`).join("\n"),
      resolveDir: here("."),
      loader: "js",
    },
    bundle: true,
    format: "esm",
    write: false,
    logLevel: "silent",
    plugins: [nodeImports(node)],
    ...options,
  });
  return { code: result.outputFiles![0]!.text, node };
}

describe.each(targets)("edge bundle (%s)", (_name, options) => {
  it("has built dist files to bundle", () => {
    for (const file of [transportIndex, transportFetch, coreIndex]) expect(existsSync(file), `${file}: run the package build first`).toBe(true);
  });

  it.each([
    ["@streambed/transport + @streambed/core", [transportIndex, coreIndex]],
    ["@streambed/transport/fetch", [transportFetch]],
  ])("%s: no node: import, no Buffer or process", async (_label, entries) => {
    const { code, node } = await bundle(entries, options);
    expect(node).toEqual([]);
    expect(nodeGlobals(code)).toEqual([]);
    expect(code.length).toBeGreaterThan(1000);
  });

  it("the checker itself catches Buffer, process and node: imports", async () => {
    const { code, node } = await bundle([here("./fixtures/node-only.js")], options);
    expect(node).toEqual([expect.stringMatching(/^node:zlib/)]);
    expect(nodeGlobals(code).length).toBe(2);
  });
});
