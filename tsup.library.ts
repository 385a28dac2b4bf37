import { defineConfig, type Options } from "tsup";

/** The build every library package shares: ESM + CJS + .d.ts, ES2022, tree-shaken, with source maps. */
export function libraryConfig(entry: Record<string, string>) {
  const options: Options = { entry, format: ["esm", "cjs"], dts: true, sourcemap: true, clean: true, target: "es2022", treeshake: true };
  return defineConfig(options);
}
