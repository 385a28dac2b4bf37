/**
 * `pnpm size`: min+gzip bytes of an edge bundle that creates a client and streams one chat (streambed:
 * explicit credentials, and again with discovery and a config object used), for
 * streambed, `@aws-sdk/client-bedrock-runtime` (ConverseStreamCommand) and `@ai-sdk/amazon-bedrock`
 * (model.doStream), all bundled the same way in the same run: esbuild, ESM, minified, ES2022,
 * platform browser with wrangler's conditions (workerd, worker, browser). gzip level 9.
 *
 * Writes bench/results/size.json and prints the table plus what is big inside streambed's bundle
 * (per package, per layer — core's folders — and per source file when bundled from the workspace
 * sources). The floor row bundles only the transport (SigV4 signing, the fetch transport, the
 * event-stream decoder) doing the same chat by hand: what any client of this design must ship. Fails (exit 1) when
 * streambed is over the budget. Build the workspace first (`pnpm build`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
/** Issue 20: `createBedrock` + `stream()` with explicit credentials. */
export const BUDGET_GZIP_BYTES = 22 * 1024;
/** Issue 20: the same with discovery (`modelDiscovery()`, `models.list()`) and a config object (`parseConfig()`) used too. */
export const BUDGET_FULL_GZIP_BYTES = 32 * 1024;

/** Each entry: create a client, stream a chat, collect the text. Same work for every library. */
const ENTRIES = {
  streambed: `
import { createBedrock } from "streambed";
export async function chat(env, model, text) {
  const bedrock = createBedrock({ region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
  let out = "";
  for await (const ev of bedrock.stream({ model, messages: [{ role: "user", content: text }] })) if (ev.type === "text_delta") out += ev.delta;
  return out;
}`,
  "streambed + discovery + config": `
import { createBedrock, modelDiscovery, parseConfig } from "streambed";
export async function chat(env, model, text, config) {
  const bedrock = createBedrock({ env, config: parseConfig(config, { env }), discovery: modelDiscovery() });
  const models = await bedrock.models.list();
  let out = "";
  for await (const ev of bedrock.stream({ model: models[0]?.id ?? model, messages: [{ role: "user", content: text }] })) if (ev.type === "text_delta") out += ev.delta;
  return out;
}`,
  "floor: @streambed/transport alone (sign, fetch, decode; no request mapping)": `
import { signRequest, decodeEventStream, utf8Decoder } from "@streambed/transport";
import { createFetchTransport } from "@streambed/transport/fetch";
export async function chat(env, model, text) {
  const transport = createFetchTransport({});
  const body = new TextEncoder().encode(JSON.stringify({ messages: [{ role: "user", content: [{ text }] }] }));
  const request = { method: "POST", url: \`\${env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME}/model/\${encodeURIComponent(model)}/converse-stream\`, headers: { "content-type": "application/json" }, body };
  const signed = await signRequest(request, { region: env.AWS_REGION, service: "bedrock", credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
  const response = await transport.send(signed);
  let out = "";
  for await (const message of decodeEventStream(response.body)) out += JSON.parse(utf8Decoder.decode(message.payload)).delta?.text ?? "";
  return out;
}`,
  "@aws-sdk/client-bedrock-runtime": `
import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
export async function chat(env, model, text) {
  const client = new BedrockRuntimeClient({ region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
  const response = await client.send(new ConverseStreamCommand({ modelId: model, messages: [{ role: "user", content: [{ text }] }] }));
  let out = "";
  for await (const ev of response.stream) if (ev.contentBlockDelta?.delta?.text) out += ev.contentBlockDelta.delta.text;
  return out;
}`,
  "@ai-sdk/amazon-bedrock": `
import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
export async function chat(env, model, text) {
  const bedrock = createAmazonBedrock({ region: env.AWS_REGION, accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY });
  const { stream } = await bedrock(model).doStream({ prompt: [{ role: "user", content: [{ type: "text", text }] }] });
  let out = "";
  for await (const part of stream) if (part.type === "text-delta") out += part.delta;
  return out;
}`,
  "ai streamText + @ai-sdk/amazon-bedrock": `
import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { streamText } from "ai";
export async function chat(env, model, text) {
  const bedrock = createAmazonBedrock({ region: env.AWS_REGION, accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY });
  let out = "";
  for await (const delta of streamText({ model: bedrock(model), prompt: text }).textStream) out += delta;
  return out;
}`,
} as const;

type Name = keyof typeof ENTRIES;

export interface SizeRow {
  name: string;
  minified: number;
  gzip: number;
  /** Bytes of minified output per package. */
  packages: Record<string, number>;
}

function packageOf(input: string): string {
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (dep) return dep[1]!;
  const ws = /^packages\/([^/]+)\//.exec(input);
  return ws ? (ws[1] === "streambed" ? "streambed" : `@streambed/${ws[1]}`) : "(entry)";
}

function byPackage(metafile: Metafile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) out[packageOf(input)] = (out[packageOf(input)] ?? 0) + info.bytesInOutput;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

async function bundle(contents: string, options: { external?: string[]; alias?: Record<string, string> } = {}): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: "js" },
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    legalComments: "none",
    logLevel: "error",
    ...(options.external ? { external: options.external } : {}),
    ...(options.alias ? { alias: options.alias } : {}),
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

async function measure(name: string, contents: string, options: { external?: string[] } = {}): Promise<SizeRow> {
  const { code, metafile } = await bundle(contents, options);
  return { name, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, packages: byPackage(metafile) };
}

/** streambed bundled from the workspace sources instead of dist, to see which source files are big. */
async function streambedSourceFiles(): Promise<Array<[string, number]>> {
  const src = (p: string) => join(root, "packages", p);
  const { metafile } = await bundle(ENTRIES.streambed, {
    alias: {
      streambed: src("streambed/src/edge.ts"),
      "@streambed/edge": src("edge/src/index.ts"),
      "@streambed/core": src("core/src/index.ts"),
      "@streambed/transport/fetch": src("transport/src/fetch/index.ts"),
      "@streambed/transport": src("transport/src/index.ts"),
    },
  });
  const files: Array<[string, number]> = [];
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) if (info.bytesInOutput > 0) files.push([input.replace(/^.*node_modules\//, ""), info.bytesInOutput]);
  }
  return files.sort((a, b) => b[1] - a[1]);
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export async function runSizeBench(log: (line: string) => void = console.log): Promise<{ rows: SizeRow[]; files: Array<[string, number]> }> {
  const rows: SizeRow[] = [];
  for (const name of Object.keys(ENTRIES) as Name[]) rows.push(await measure(name, ENTRIES[name]));
  rows.push(await measure("@ai-sdk/amazon-bedrock (zod external)", ENTRIES["@ai-sdk/amazon-bedrock"], { external: ["zod", "zod/*"] }));

  log(`| bundle (createClient + stream one chat, edge) | min | min+gzip |`);
  log(`|---|---:|---:|`);
  for (const row of rows) log(`| ${row.name} | ${kb(row.minified)} | ${kb(row.gzip)} |`);
  const ours = rows[0]!;
  const full = rows[1]!;
  log(`\nstreambed: ${ours.gzip} B gzip, budget ${BUDGET_GZIP_BYTES} B: ${ours.gzip <= BUDGET_GZIP_BYTES ? "within" : "OVER"}`);
  log(`streambed with discovery and config: ${full.gzip} B gzip, budget ${BUDGET_FULL_GZIP_BYTES} B: ${full.gzip <= BUDGET_FULL_GZIP_BYTES ? "within" : "OVER"}`);
  log(`streambed by package (minified bytes): ${Object.entries(ours.packages).map(([p, n]) => `${p} ${kb(n)}`).join(", ")}`);
  const files = await streambedSourceFiles();
  const layers = new Map<string, number>();
  for (const [file, bytes] of files) {
    const layer = /^packages\/([^/]+\/src\/[^/.]+)/.exec(file)?.[1] ?? file.split("/")[0]!;
    layers.set(layer, (layers.get(layer) ?? 0) + bytes);
  }
  log(`streambed's bundle by layer (minified bytes; the floor row above is the transport's part):`);
  for (const [layer, bytes] of [...layers].sort((a, b) => b[1] - a[1])) log(`  ${kb(bytes).padStart(8)}  ${layer}`);
  log(`streambed's biggest source files (minified bytes):`);
  for (const [file, bytes] of files.slice(0, 15)) log(`  ${kb(bytes).padStart(8)}  ${file}`);
  return { rows, files };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { rows, files } = await runSizeBench();
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(
    join(here, "results", "size.json"),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, budgetGzipBytes: BUDGET_GZIP_BYTES, budgetFullGzipBytes: BUDGET_FULL_GZIP_BYTES, rows, streambedSourceFiles: files.slice(0, 40) }, null, 2)}\n`,
  );
  if (rows[0]!.gzip > BUDGET_GZIP_BYTES || rows[1]!.gzip > BUDGET_FULL_GZIP_BYTES) process.exitCode = 1;
}
