import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrockHandlers } from "../handlers.js";
import { startEmulator, type RunningEmulator } from "../server.js";

// Recorded for vercel/ai #17523 (packages/amazon-bedrock/src/__fixtures__/issue-17523-unknown-operation.chunks.txt).
const RECORDED = `{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}\n`;
// The catalogue's US Nova Lite profile (vercel/ai #17523 called eu.amazon.nova-lite-v1:0 by ARN).
const ARN = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0";
const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "Say hello" }] }] });

async function expectCoral200(url: string): Promise<void> {
  for (const operation of ["converse", "converse-stream"]) {
    // The ARN's "/" left literal (its ":" encoded, as encodeURIComponent per segment would do).
    const path = `/model/${ARN.split("/").map(encodeURIComponent).join("/")}/${operation}`;
    const response = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.text()).toBe(RECORDED);
  }
}

describe("a model ARN whose '/' is not encoded: 200 with Coral's UnknownOperationException body, as Bedrock answers", () => {
  describe("loopback", () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startEmulator();
    });
    afterAll(async () => {
      await emulator?.close();
    });
    it("both operations; the %2F form is still a call", async () => {
      await expectCoral200(emulator.url);
      expect(emulator.requests.slice(-2).map((r) => r.operation)).toEqual(["unknown", "unknown"]);
      const encoded = await fetch(`${emulator.url}/model/${encodeURIComponent(ARN)}/converse`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(encoded.status).toBe(200);
      expect(((await encoded.json()) as { output?: unknown }).output).toBeDefined();
    });
  });

  describe("MSW", () => {
    const server = setupServer(...createBedrockHandlers());
    beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
    afterAll(() => server.close());
    it("both operations", async () => {
      await expectCoral200("https://bedrock-runtime.us-east-1.amazonaws.com");
    });
  });
});
