import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decode, encode, type SourceMapSegment } from "@jridgewell/sourcemap-codec";
import { defineConfig, type Options } from "tsup";

/** Extra build settings a package may ask for. */
export interface LibraryExtras {
  /**
   * Imports left to runtime even though `bundle` matches them: modules only reached through a
   * dynamic `import()` in code that tree-shaking drops. Bundling them would emit an orphan chunk and,
   * in the CommonJS build, wrap the shared modules in lazy initialisers that tree-shaking can't cut.
   */
  keepExternal?: RegExp[];
  /** Shim `import.meta.url` in the CommonJS build (for `createRequire(import.meta.url)`). */
  shims?: boolean;
  /**
   * Dependencies to bundle into the output instead of importing at runtime, resolved from their ES
   * modules (`module` field / condition first) and their runtime-neutral (`browser`) variants, so
   * that only what is used ships and no Node built-in comes with it.
   */
  bundle?: RegExp[];
  /**
   * Each ES module entry as one file (no shared chunks; code both entries use is copied into each).
   * Every extra file on the import path costs a cold start (resolve, read, compile, link: one shared
   * chunk of `@streambed/node` was ≈ 9 M instructions at import, ≈ 20 M to the first event). Only
   * for packages whose entries share no state that must be one (classes checked with `instanceof`,
   * module-level caches): transport's errors, for one, must stay in one chunk.
   */
  oneFilePerEntry?: boolean;
  /**
   * In the CommonJS build, every `import()` becomes a `require()` (esbuild's lowering: a promise of
   * the required module). For packages that load a module of their own workspace on demand: an
   * `import()` there would load its ES module build beside the CommonJS one the rest of the process
   * uses, so its error classes would fail `instanceof` against the ones the package exports.
   */
  requireInCommonJs?: boolean;
  /**
   * The CommonJS build split into shared chunks as the ES module one is (tsup's `splitting`), not one
   * self-contained file per entry: for packages whose entries must share state, such as the error
   * classes transport's entries throw and `instanceof` checks (each `.cjs` entry had its own copy).
   */
  commonJsChunks?: boolean;
}

/**
 * The build every library package shares: ESM + CJS + .d.ts, ES2022, tree-shaken, with source maps.
 *
 * Source maps carry mappings only, no `sourcesContent`: they name `../src/*.ts`, which each package
 * ships (its package.json `files`), so a stack trace under `--enable-source-maps` shows the same
 * `src/…ts:line` frames and code line as with embedded sources, and the path it prints exists on
 * disk. Embedding the sources doubled them (one copy per ESM and CJS map) and was ≈ 60 % of the maps'
 * bytes. Bundled dependencies (valibot, `@smithy/signature-v4`) get no mappings: their sources are
 * not installed with the package, so their frames stay on the `dist/` file. See docs/releasing.md
 * ("Source maps").
 */
export function libraryConfig(entry: Record<string, string>, extras: LibraryExtras = {}) {
  const options: Options = { entry, format: ["esm", "cjs"], dts: true, sourcemap: true, clean: true, target: "es2022", treeshake: true };
  const outDir = "dist";
  options.outDir = outDir;
  options.onSuccess = async () => {
    await stripBundledSources(outDir);
    await escapeNonAscii(outDir);
  };
  if (extras.shims) options.shims = true;
  if (extras.oneFilePerEntry) options.splitting = false;
  if (extras.commonJsChunks) options.splitting = true;
  if (extras.keepExternal) {
    const patterns = extras.keepExternal;
    options.esbuildPlugins = [
      {
        name: "keep-external",
        setup(build) {
          for (const filter of patterns) build.onResolve({ filter }, (args) => ({ path: args.path, external: true }));
        },
      },
    ];
  }
  const bundle = extras.bundle;
  if (bundle) options.noExternal = bundle;
  options.esbuildOptions = (esbuild, context) => {
    esbuild.sourcesContent = false;
    if (extras.requireInCommonJs && context.format === "cjs") esbuild.supported = { ...esbuild.supported, "dynamic-import": false };
    if (bundle) {
      esbuild.mainFields = ["module", "main"];
      // The runtime-neutral builds: no Node built-in may enter core or transport (the edge test checks).
      esbuild.conditions = ["browser", "module", "import"];
    }
  };
  return defineConfig(options);
}

/**
 * Rewrites every non-ASCII character of the built `.js` / `.cjs` files in `dir` as a `\uXXXX` escape.
 * esbuild escapes them in code (its `charset: "ascii"` default) but keeps the comments it copies (on
 * class members) as written, and one `≈` or `—` there makes V8 hold and scan the whole file as
 * two-byte text: ≈ 4 M instructions of a cold start for core and the Node adapter (callgrind, Node 20).
 * Only comments carry them, so the escape changes no behaviour, and they end their line, so no
 * source-map column after them moves.
 */
export async function escapeNonAscii(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!/\.c?js$/.test(name)) continue;
    const path = join(dir, name);
    const text = await readFile(path, "utf8");
    const ascii = asciiOnly(text);
    if (ascii !== text) await writeFile(path, ascii);
  }
}

/** `text` with each UTF-16 unit above 0x7F written as a `\uXXXX` escape. */
export function asciiOnly(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A source under `node_modules/`: code of a bundled dependency, not of this package. */
const BUNDLED_SOURCE = /(^|\/)node_modules\//;

/**
 * Removes bundled dependencies from every source map in `dir`: their `sources` entries go, and their
 * segments become unmapped ones (so the preceding mapping does not run on over their code).
 */
export async function stripBundledSources(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".map")) continue;
    const path = join(dir, name);
    const map = JSON.parse(await readFile(path, "utf8")) as { sources: string[]; sourcesContent?: Array<string | null>; mappings: string };
    const stripped = withoutBundledSources(map);
    if (stripped !== map) await writeFile(path, JSON.stringify(stripped));
  }
}

/** `map` without the sources under `node_modules/` (the same object when it has none). */
export function withoutBundledSources<M extends { sources: string[]; sourcesContent?: Array<string | null>; mappings: string }>(map: M): M {
  const kept: number[] = [];
  const newIndex = map.sources.map((source, i) => (BUNDLED_SOURCE.test(source) ? -1 : kept.push(i) - 1));
  if (kept.length === map.sources.length) return map;
  const lines = decode(map.mappings).map((segments) => {
    const out: SourceMapSegment[] = [];
    for (const segment of segments) {
      if (segment.length === 1) out.push(segment);
      else if (newIndex[segment[1]] === -1) {
        // Unmapped from here on (else a lookup lands on the previous mapping); one marker per run.
        if (out.length === 0 || out[out.length - 1]!.length > 1) out.push([segment[0]]);
      } else {
        const source = newIndex[segment[1]]!;
        out.push(segment.length === 4 ? [segment[0], source, segment[2], segment[3]] : [segment[0], source, segment[2], segment[3], segment[4]]);
      }
    }
    return out;
  });
  return {
    ...map,
    sources: kept.map((i) => map.sources[i]!),
    ...(map.sourcesContent ? { sourcesContent: kept.map((i) => map.sourcesContent![i] ?? null) } : {}),
    mappings: encode(lines),
  };
}
