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
}

/** The build every library package shares: ESM + CJS + .d.ts, ES2022, tree-shaken, with source maps. */
export function libraryConfig(entry: Record<string, string>, extras: LibraryExtras = {}) {
  const options: Options = { entry, format: ["esm", "cjs"], dts: true, sourcemap: true, clean: true, target: "es2022", treeshake: true };
  if (extras.shims) options.shims = true;
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
  if (extras.bundle) {
    options.noExternal = extras.bundle;
    options.esbuildOptions = (esbuild) => {
      esbuild.mainFields = ["module", "main"];
      // The runtime-neutral builds: no Node built-in may enter core or transport (the edge test checks).
      esbuild.conditions = ["browser", "module", "import"];
    };
  }
  return defineConfig(options);
}
