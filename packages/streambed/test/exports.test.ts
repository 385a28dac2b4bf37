/**
 * `import { createBedrock } from "streambed"` picks the edge build in workerd, edge-light, browsers
 * and unknown runtimes, and the Node build in Node — for ESM and CJS, with types beside each file.
 * Resolved through the package's real `exports` map, by esbuild (as bundlers do) and by Node.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { describe, expect, it } from "vitest";

const pkgDir = fileURLToPath(new URL("../", import.meta.url));
const examplesDir = fileURLToPath(new URL("../../../examples/", import.meta.url));
const manifest = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8")) as { exports: Record<string, Record<string, unknown>> };

/** The dist file esbuild resolves `streambed` to, importing (ESM) or requiring (CJS) it. */
async function resolvedFile(options: BuildOptions, kind: "import" | "require"): Promise<string> {
  const result = await build({
    stdin: { contents: kind === "import" ? 'import * as s from "streambed"; export default s;' : 'module.exports = require("streambed");', resolveDir: examplesDir, loader: "js" },
    absWorkingDir: fileURLToPath(new URL("../../../", import.meta.url)),
    bundle: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    format: kind === "import" ? "esm" : "cjs",
    plugins: [
      {
        name: "stop-at-streambed",
        setup(b) {
          // Resolve streambed itself, keep its own dependencies out: only the chosen file matters here.
          b.onResolve({ filter: /^@streambed\// }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
    ...options,
  });
  return Object.keys(result.metafile!.inputs).find((input) => input.startsWith("packages/streambed/dist/"))!.replace("packages/streambed/dist/", "");
}

const cases: Array<[string, BuildOptions, string, string]> = [
  ["workerd", { platform: "neutral", conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"] }, "edge.js", "edge.cjs"],
  ["edge-light", { platform: "neutral", conditions: ["edge-light"], mainFields: ["module", "main"] }, "edge.js", "edge.cjs"],
  ["browser", { platform: "browser" }, "edge.js", "edge.cjs"],
  ["node", { platform: "node" }, "index.js", "index.cjs"],
  ["default (no runtime condition)", { platform: "neutral", mainFields: ["module", "main"] }, "edge.js", "edge.cjs"],
];

describe("streambed export conditions", () => {
  it.each(cases)("%s → the right build, ESM and CJS", async (_name, options, esm, cjs) => {
    expect(await resolvedFile(options, "import")).toBe(esm);
    expect(await resolvedFile(options, "require")).toBe(cjs);
  });

  it("every condition names existing files with types beside them", () => {
    for (const [condition, target] of Object.entries(manifest.exports["."]!)) {
      for (const kind of ["import", "require"] as const) {
        const entry = (target as Record<string, { types: string; default: string }>)[kind]!;
        expect(existsSync(`${pkgDir}${entry.default}`), `${condition}.${kind}: ${entry.default}`).toBe(true);
        expect(existsSync(`${pkgDir}${entry.types}`), `${condition}.${kind}: ${entry.types}`).toBe(true);
        expect(entry.types.replace(/\.d\.(c?)ts$/, ".$1js")).toBe(entry.default);
      }
    }
  });

  it("Node itself loads the Node build, as ESM and as CJS", async () => {
    const esm = await import("streambed");
    const cjs = createRequire(import.meta.url)("streambed") as typeof esm;
    for (const mod of [esm, cjs]) {
      expect(typeof mod.createBedrock).toBe("function");
      // Node-only helpers exist only in the Node build.
      expect(typeof (mod as Record<string, unknown>).loadConfigFile).toBe("function");
    }
  });

  it("both builds export the same runtime-free API (everything but the adapter's own helpers)", async () => {
    const edge = (await import("../dist/edge.js")) as Record<string, unknown>;
    const node = (await import("../dist/index.js")) as Record<string, unknown>;
    const edgeOnly = ["createEdgeCredentialChain"];
    const nodeOnly = ["createFileDiscoveryCache", "createNodeCredentialChain", "createNodeHttpTransport", "createUndiciTransport", "defaultConfigPath", "loadConfigFile", "readProfileRegion", "writeConfigFile"];
    const common = (names: string[], only: string[]) => names.filter((n) => !only.includes(n)).sort();
    expect(common(Object.keys(node), nodeOnly)).toEqual(common(Object.keys(edge), edgeOnly));
    expect(Object.keys(edge)).toEqual(expect.arrayContaining(edgeOnly));
    expect(Object.keys(node)).toEqual(expect.arrayContaining(nodeOnly));
    for (const name of common(Object.keys(edge), edgeOnly)) {
      expect(typeof node[name], `node build lacks ${name}`).toBe(typeof edge[name]);
    }
    expect(typeof edge.createBedrock).toBe("function");
    expect(edge.BedrockError).toBe(node.BedrockError);
  });

  it("both builds export the same runtime-free types (the API reports, api/*.api.md)", () => {
    const names = (report: string) => {
      const exports = readFileSync(`${pkgDir}api/${report}.api.md`, "utf8").split("\n## Not exported")[0]!;
      return [...exports.matchAll(/^### (\S+)/gm)].map((m) => m[1]!);
    };
    const edgeOnly = ["createEdgeCredentialChain"];
    const nodeOnly = ["createFileDiscoveryCache", "createNodeCredentialChain", "createNodeHttpTransport", "createUndiciTransport", "defaultConfigPath", "loadConfigFile", "readProfileRegion", "writeConfigFile"];
    const nodeOnlyTypes = ["ConfigFileWriteOptions", "FileDiscoveryCacheOptions", "LoadConfigFileOptions", "LoadedConfigFile", "NodeCredentialChainOptions", "NodeHttpTransportOptions", "UndiciTransportOptions"];
    expect(names("index").filter((n) => ![...nodeOnly, ...nodeOnlyTypes].includes(n))).toEqual(names("edge").filter((n) => !edgeOnly.includes(n)));
  });
});
