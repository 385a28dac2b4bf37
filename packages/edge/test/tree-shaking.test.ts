/**
 * Issue 20: an edge app pays only for what it uses. Bundled through `streambed` (dist, wrangler's
 * conditions, minified), an app that only streams must not contain model discovery or the config
 * parser; one that calls `modelDiscovery()` and `parseConfig()` contains both. Sizes are measured by
 * `pnpm size` (bench/size.ts), not asserted here.
 */
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

/** Text only discovery's code has (the ListFoundationModels / ListInferenceProfiles paths). */
const DISCOVERY = ["/foundation-models", "/inference-profiles"];
/** Text only the config parser's schema has (its expectation wording). */
const CONFIG_PARSER = ["an http(s) URL", "an AWS region like us-east-1"];

async function bundle(contents: string): Promise<string> {
  const target = TARGETS["workerd (browser platform)"];
  const { code } = await bundleWorker(target, { entryPoints: [], stdin: { contents, resolveDir: examplesDir, loader: "js" }, minify: true });
  return code;
}

describe("edge bundles leave out what is not used", () => {
  it("streaming (and models.list() of the configured models) bundles neither discovery nor the config parser", async () => {
    const code = await bundle(STREAM_ONLY);
    for (const text of [...DISCOVERY, ...CONFIG_PARSER]) expect(code, text).not.toContain(text);
  });

  it("modelDiscovery() and parseConfig() bring them in", async () => {
    const code = await bundle(WITH_DISCOVERY_AND_CONFIG);
    for (const text of [...DISCOVERY, ...CONFIG_PARSER]) expect(code, text).toContain(text);
  });
});
