/**
 * examples/edge-worker.ts in real workerd (through miniflare): bundled as wrangler would, given its
 * bindings, it streams a chat from the emulator on loopback, signed with SigV4 that the emulator
 * verifies. The worker's own `fetch` reaches 127.0.0.1 (miniflare's "internet" network allows
 * private addresses); nothing is proxied through Node.
 */
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, TARGETS } from "./bundle-worker.js";

const REPLY = "Hello from the emulator, streamed through workerd.";
let emulator: RunningEmulator;
let mf: Miniflare;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS], script: () => ({ text: REPLY }) });
  const { code } = await bundleWorker(TARGETS["workerd (browser platform)"]);
  mf = new Miniflare({
    modules: true,
    script: code,
    compatibilityDate: "2026-04-01",
    bindings: {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
      STREAMBED_MODEL: "us.anthropic.claude-sonnet-4-6",
    },
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await emulator?.close();
});

describe("edge-worker in workerd", () => {
  it("streams the reply end to end with a SigV4 signature the emulator verified", async () => {
    const response = await mf.dispatchFetch("http://worker.test/?q=hello%20workerd");
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text).toContain(REPLY);
    expect(text).toMatch(/\[stop: stop; tokens out \d+\]/);

    const call = emulator.requests.find((r) => r.operation === "converse-stream");
    expect(call?.auth).toEqual({ scheme: "sigv4", accessKeyId: `****${DEMO_CREDENTIALS.accessKeyId.slice(-4)}`, verified: true });
    expect(call?.modelId).toBe("us.anthropic.claude-sonnet-4-6");
    expect(JSON.parse(call!.body).messages).toEqual([{ role: "user", content: [{ text: "hello workerd" }] }]);
  });

  it("answers 502 with the typed error (and no secret) when the emulator rejects the signature", async () => {
    const bad = new Miniflare({
      modules: true,
      script: (await bundleWorker(TARGETS["workerd (browser platform)"])).code,
      compatibilityDate: "2026-04-01",
      bindings: {
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: "not-the-emulator-secret-value-000000000",
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
      },
    });
    try {
      const response = await bad.dispatchFetch("http://worker.test/?q=hi");
      const text = await response.text();
      expect(response.status).toBe(502);
      expect(text).toMatch(/^\w*(Authentication|Signature|AccessDenied)\w*Error: /);
      expect(text).not.toContain("not-the-emulator-secret-value");
    } finally {
      await bad.dispose();
    }
  });
});
