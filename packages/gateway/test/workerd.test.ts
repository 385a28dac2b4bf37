/**
 * The gateway app in real workerd (miniflare): bundled as wrangler would (workerd conditions, so
 * streambed's edge build, no Node built-in), it answers a streaming chat completion from the
 * emulator on loopback, SigV4-signed with keys the emulator verifies.
 */
import { fileURLToPath } from "node:url";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "../src/keys/gateway-key.js";
import { sseData } from "../src/test-support/gateway-harness.js";

let emulator: RunningEmulator;
let mf: Miniflare;
let key: string;
let nodeImports: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS] });
  const made = await generateKey("edge");
  key = made.key;
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./workerd-worker.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    write: false,
    logLevel: "silent",
    metafile: true,
  });
  nodeImports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((m) => m.path.startsWith("node:") && m.external).map((m) => m.path));
  mf = new Miniflare({
    modules: true,
    script: result.outputFiles[0]!.text,
    compatibilityDate: "2026-04-01",
    bindings: { EMULATOR_URL: emulator.url, AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey, KEY_HASH: made.record.hash },
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await emulator?.close();
});

describe("the gateway in workerd", () => {
  it("bundles with no Node built-in", () => {
    expect(nodeImports).toEqual([]);
  });

  it("streams a chat completion: role, text deltas, finish reason, usage, [DONE]", async () => {
    const response = await mf.dispatchFetch("http://gateway.test/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "us.anthropic.claude-sonnet-4-6", messages: [{ role: "user", content: "hello from workerd" }], stream: true, stream_options: { include_usage: true } }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const data = sseData(text);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("hello from workerd");
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1).usage.completion_tokens).toBeGreaterThan(0);
    const call = emulator.requests.find((r) => r.operation === "converse-stream");
    expect(call?.auth).toMatchObject({ scheme: "sigv4", verified: true });
  });

  it("refuses a request without the key (401, OpenAI's error shape)", async () => {
    const response = await mf.dispatchFetch("http://gateway.test/v1/models");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "missing_api_key" } });
  });
});
