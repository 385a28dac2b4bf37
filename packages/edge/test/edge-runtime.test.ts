/**
 * examples/edge-worker.ts in Vercel's edge-runtime (4.0.1): bundled for `edge-light`, wrapped in the
 * runtime's `fetch` event listener, it streams a chat from the emulator on loopback, SigV4 verified.
 * The bindings object is the worker's `env`, inlined by the wrapper (Vercel passes env through its
 * own build; the worker itself never reads `process`).
 */
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { EdgeRuntime, runServer } from "edge-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, examplesDir, nodeGlobals, TARGETS } from "./bundle-worker.js";

const REPLY = "Hello from the emulator, streamed through the Vercel edge runtime.";
let emulator: RunningEmulator;

/** The worker module, wrapped as an edge-runtime script: `addEventListener("fetch", …)` over `worker.fetch(request, env)`. */
async function edgeScript(env: Record<string, string>): Promise<string> {
  const { code, nodeImports } = await bundleWorker(TARGETS["edge-light (browser platform)"], {
    entryPoints: undefined,
    format: "iife",
    stdin: {
      resolveDir: examplesDir,
      loader: "ts",
      contents: [
        'import worker from "./edge-worker.ts";',
        `const env = ${JSON.stringify(env)};`,
        'addEventListener("fetch", (event) => event.respondWith(worker.fetch(event.request, env)));',
      ].join("\n"),
    },
  });
  if (nodeImports.length > 0) throw new Error(`bundle imports Node built-ins: ${nodeImports.join(", ")}`);
  return code;
}

async function serve(env: Record<string, string>): Promise<Awaited<ReturnType<typeof runServer>>> {
  const runtime = new EdgeRuntime({ initialCode: await edgeScript(env) });
  return runServer({ runtime, host: "127.0.0.1", port: 0 });
}

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS], script: () => ({ text: REPLY }) });
});

afterAll(async () => {
  await emulator?.close();
});

const bindings = (): Record<string, string> => ({
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
});

describe("edge-worker in Vercel edge-runtime", () => {
  it("streams the reply end to end with a SigV4 signature the emulator verified", async () => {
    const server = await serve(bindings());
    try {
      const response = await fetch(`${server.url}?q=${encodeURIComponent("hello edge-light")}`);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(text).toContain(REPLY);
      expect(text).toMatch(/\[stop: stop; tokens out \d+\]/);
      const call = emulator.requests.filter((r) => r.operation === "converse-stream").at(-1);
      expect(call?.auth).toEqual({ scheme: "sigv4", accessKeyId: `****${DEMO_CREDENTIALS.accessKeyId.slice(-4)}`, verified: true });
      expect(JSON.parse(call!.body).messages).toEqual([{ role: "user", content: [{ text: "hello edge-light" }] }]);
    } finally {
      await server.close();
    }
  });

  it("signs with a bearer token from the bindings too (POST body as the prompt)", async () => {
    const bearer = await startEmulator({ bearerTokens: ["edge-runtime-test-token"], script: () => ({ text: REPLY }) });
    const server = await serve({ AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: "edge-runtime-test-token", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bearer.url });
    try {
      const response = await fetch(server.url, { method: "POST", body: "from a POST body" });
      expect(await response.text()).toContain(REPLY);
      expect(bearer.requests.at(-1)?.auth).toEqual({ scheme: "bearer", verified: true });
      expect(JSON.parse(bearer.requests.at(-1)!.body).messages[0].content).toEqual([{ text: "from a POST body" }]);
    } finally {
      await server.close();
      await bearer.close();
    }
  });

  it("the wrapped script is as clean as the worker: no Buffer, no process", async () => {
    expect(nodeGlobals(await edgeScript(bindings()))).toEqual([]);
  });
});
