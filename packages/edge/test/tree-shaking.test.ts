/**
 * Issue 20: an edge app pays only for what it uses. Bundled through `streambed` (dist, wrangler's
 * conditions, minified), an app that only streams must not contain model discovery, the config
 * parser, the code that reads a config or the known-model table; one that calls `modelDiscovery()`
 * and `parseConfig()` contains them. Bundled again from the workspace sources, the stream-only
 * bundle's metafile must hold none of their source files. Sizes are measured by `pnpm size`
 * (bench/size.ts), not asserted here.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundleWorker, examplesDir, TARGETS } from "./bundle-worker.js";

const STREAM_ONLY = `
import { createBedrock } from "streambed";
export async function chat(env, model, text) {
  const bedrock = createBedrock({ env });
  let out = "";
  for await (const ev of bedrock.stream({ model, messages: [{ role: "user", content: text }] })) if (ev.type === "text_delta") out += ev.delta;
  return out + JSON.stringify(await bedrock.models.list());
}`;

const WITH_DISCOVERY_AND_CONFIG = `
import { createBedrock, modelDiscovery, parseConfig } from "streambed";
export async function chat(env, model, text, config) {
  const bedrock = createBedrock({ env, config: parseConfig(config, { env }), discovery: modelDiscovery() });
  let out = "";
  for await (const ev of bedrock.stream({ model, messages: [{ role: "user", content: text }] })) if (ev.type === "text_delta") out += ev.delta;
  return out + JSON.stringify(await bedrock.models.list());
}`;

/** `createBedrock` + `stream()` with explicit credentials: what `pnpm size` measures. */
const EXPLICIT_STREAM_ONLY = `
import { createBedrock } from "streambed";
export async function chat(env, model, text) {
  const bedrock = createBedrock({ region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
  let out = "";
  for await (const ev of bedrock.stream({ model, messages: [{ role: "user", content: text }] })) if (ev.type === "text_delta") out += ev.delta;
  return out;
}`;

/** Text only discovery's code has (the ListFoundationModels / ListInferenceProfiles paths). */
const DISCOVERY = ["/foundation-models", "/inference-profiles"];
/** Text only the config parser's schema has (its expectation wording). */
const CONFIG_PARSER = ["an http(s) URL", "an AWS region like us-east-1"];
/** Text only the known-model table has (model names). */
const MODEL_TABLE = ["Llama 3.3 70B Instruct", "Qwen3 Coder 480B A35B Instruct"];
/** Text only the code reading a config's API key has. */
const CONFIG_READER = ['(auth is "aws-sdk")', "ignored: empty"];

/**
 * Source files (under packages/core/src/) of discovery, the config parser and reader and the
 * known-model table: none may reach a stream-only bundle.
 */
const FEATURE_FILES = [
  "discovery/known-model-limits.ts",
  "discovery/create-discovery.ts",
  "discovery/fetch-catalogue.ts",
  "discovery/build-discovered-models.ts",
  "client/discover-models.ts",
  "config/parse-config.ts",
  "config/config-schema.ts",
  "config/substitute-env.ts",
  "config/config-reader.ts",
  "config/configured-models.ts",
  "config/config-api-key.ts",
  "config/secret-config-keys.ts",
  "credentials/config-credential-source.ts",
  "credentials/base-credential-sources.ts",
  "model/resolve-model.ts",
];

const packages = fileURLToPath(new URL("../../", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The workspace source files (relative to packages/) with bytes in a minified bundle of `contents`, built from the sources. */
async function sourceInputs(contents: string): Promise<string[]> {
  const src = (p: string) => `${packages}${p}`;
  const result = await build({
    stdin: { contents, resolveDir: examplesDir, loader: "js" },
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    minify: true,
    target: "es2022",
    logLevel: "silent",
    ...TARGETS["workerd (browser platform)"],
    alias: {
      streambed: src("streambed/src/edge.ts"),
      "@streambed/edge": src("edge/src/index.ts"),
      "@streambed/core": src("core/src/index.ts"),
      "@streambed/transport/fetch": src("transport/src/fetch/index.ts"),
      "@streambed/transport": src("transport/src/index.ts"),
    },
  });
  const inputs: string[] = [];
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) if (info.bytesInOutput > 0) inputs.push(input.replace(/^packages\//, ""));
  }
  return inputs;
}

async function bundle(contents: string): Promise<string> {
  const target = TARGETS["workerd (browser platform)"];
  const { code } = await bundleWorker(target, { entryPoints: [], stdin: { contents, resolveDir: examplesDir, loader: "js" }, minify: true });
  return code;
}

describe("edge bundles leave out what is not used", () => {
  it("streaming (and models.list() of the configured models) bundles neither discovery nor the config parser", async () => {
    const code = await bundle(STREAM_ONLY);
    for (const text of [...DISCOVERY, ...CONFIG_PARSER, ...CONFIG_READER, ...MODEL_TABLE]) expect(code, text).not.toContain(text);
  });

  it("modelDiscovery() and parseConfig() bring them in", async () => {
    const code = await bundle(WITH_DISCOVERY_AND_CONFIG);
    for (const text of [...DISCOVERY, ...CONFIG_PARSER, ...CONFIG_READER, ...MODEL_TABLE]) expect(code, text).toContain(text);
  });

  it("createBedrock({ knownModels: knownModelLimits }) brings the table in, and only it", async () => {
    const code = await bundle(EXPLICIT_STREAM_ONLY.replace("import { createBedrock }", "import { createBedrock, knownModelLimits }").replace("createBedrock({ region", "createBedrock({ knownModels: knownModelLimits, region"));
    for (const text of MODEL_TABLE) expect(code, text).toContain(text);
    for (const text of [...DISCOVERY, ...CONFIG_PARSER, ...CONFIG_READER]) expect(code, text).not.toContain(text);
  });

  it("from the sources: a stream-only bundle's metafile has no discovery, config or model-table file", async () => {
    for (const entry of [EXPLICIT_STREAM_ONLY, STREAM_ONLY]) {
      const inputs = await sourceInputs(entry);
      expect(inputs).toContain("core/src/client/create-client.ts"); // the check sees core's files
      expect(inputs.filter((input) => FEATURE_FILES.some((file) => input === `core/src/${file}`))).toEqual([]);
    }
    const full = await sourceInputs(WITH_DISCOVERY_AND_CONFIG);
    expect(FEATURE_FILES.filter((file) => !full.includes(`core/src/${file}`) && !file.startsWith("credentials/base") && !file.startsWith("model/resolve-model"))).toEqual([]);
  });
});
