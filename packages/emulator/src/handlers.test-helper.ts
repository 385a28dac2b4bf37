/**
 * The emulator's MSW handlers in a test file: an MSW server with every handler (requests recorded,
 * an optional script per test), and fetch helpers for the runtime API.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { readFrames, type Frame } from "../test/helpers.js";
import { createBedrockHandlers } from "./handlers.js";
import type { EmulatorOptions, RecordedRequest } from "./options.js";

export const RUNTIME = "https://bedrock-runtime.us-east-1.amazonaws.com";
export const CONTROL = "https://bedrock.us-east-1.amazonaws.com";
export const SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

/** Starts an MSW server with the emulator's handlers for the calling test file (its hooks are the file's). */
export function setupMswEmulator() {
  const recorded: RecordedRequest[] = [];
  /** This test's script (cleared after each test). */
  const scriptOptions: Partial<EmulatorOptions> = {};
  const server = setupServer(
    ...createBedrockHandlers({
      onRequest: (r) => recorded.push(r),
      script: (info) => (scriptOptions.script ? scriptOptions.script(info) : undefined),
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    delete scriptOptions.script;
  });
  afterAll(() => server.close());

  function post(model: string, action: "converse" | "converse-stream", body: string, headers: Record<string, string> = {}) {
    return fetch(`${RUNTIME}/model/${encodeURIComponent(model)}/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
  }

  async function stream(body: string, headers: Record<string, string> = {}, model = SONNET): Promise<{ response: Response; frames: Frame[] }> {
    const response = await post(model, "converse-stream", body, headers);
    expect(response.status).toBe(200);
    return { response, frames: await readFrames(response) };
  }

  async function converse(body: string, headers: Record<string, string> = {}, model = SONNET) {
    const response = await post(model, "converse", body, headers);
    return { response, json: (await response.json()) as Record<string, any> };
  }

  return { server, recorded, scriptOptions, post, stream, converse };
}
