import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

// ESM only: yocto-spinner is ESM-only and the bin is an ES module. Code splitting puts each command
// in its own chunk, imported when that command runs, so `streambed --help` loads commander alone.
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  splitting: true,
  treeshake: true,
  define: { __STREAMBED_CLI_VERSION__: JSON.stringify(version) },
  // Maps without sourcesContent, as every library package (tsup.library.ts): they name ../src/*.ts,
  // which the package ships, so stack traces show the TypeScript lines at half the bytes.
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
});
