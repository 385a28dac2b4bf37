import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeHome, runCli } from "./spawn-cli.test-helper.js";

/**
 * A Bedrock API key written in the config that does not look like one (no ABSK prefix, short, with
 * dashes): the pattern-based redaction does not catch it, only the config's own values do.
 */
const KEY = "plain-config-key-not-a-pattern-42";
const MODEL = "us.anthropic.claude-sonnet-4-6";

let emulator: RunningEmulator;
let home: { home: string; remove: () => Promise<void> };

beforeAll(async () => {
  // Accepts the key, then answers like a proxy that echoes it back in its error message.
  emulator = await startEmulator({
    bearerTokens: [KEY],
    script: (info) => ({ error: { status: 403, type: "AccessDeniedException", message: `API key ${(info.headers.authorization ?? "").replace(/^Bearer /, "")} may not call ${info.modelId}` } }),
  });
  home = await makeHome();
});
afterAll(async () => {
  await emulator.close();
  await home.remove();
});

async function configWith(name: string, text: string): Promise<Record<string, string>> {
  const dir = join(home.home, "configs");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json5`);
  await writeFile(file, text);
  return { STREAMBED_CONFIG: file, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url, AWS_ENDPOINT_URL_BEDROCK: emulator.url, AWS_EC2_METADATA_DISABLED: "true" };
}

describe("CLI errors never show the config's secrets", () => {
  it("chat: a Bedrock error echoing the config's API key prints it redacted", async () => {
    const env = await configWith("echo", JSON.stringify({ models: { providers: { "amazon-bedrock": { auth: "api-key", apiKey: KEY } } } }));
    const r = await runCli(["chat", "-m", MODEL, "hi"], { home: home.home, env });
    expect(r.code).toBe(1);
    // The key went over the wire as the bearer token and came back in the message.
    expect(emulator.requests.at(-1)!.auth).toEqual({ scheme: "bearer", verified: true });
    expect(r.stderr).toMatch(/^AccessDeniedError: Bedrock AccessDeniedException \(HTTP 403/);
    // The client removes the secrets it holds from its own errors ([redacted]) before the CLI sees them.
    expect(r.stderr).toContain(`API key [redacted] may not call ${MODEL}`);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it("chat: the same with the key in an env variable the config names (${MY_KEY}): its value is redacted too", async () => {
    const env = await configWith("echo-ref", JSON.stringify({ models: { providers: { "amazon-bedrock": { auth: "api-key", apiKey: "${MY_KEY}" } } } }));
    const r = await runCli(["chat", "-m", MODEL, "hi"], { home: home.home, env: { ...env, MY_KEY: KEY } });
    expect(r.code).toBe(1);
    expect(emulator.requests.at(-1)!.auth).toEqual({ scheme: "bearer", verified: true });
    expect(r.stderr).toContain(`API key [redacted] may not call ${MODEL}`);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it("chat: a config that is not JSON5 has its key redacted from the quoted line", async () => {
    const env = await configWith("broken", `{ models: { providers: { "amazon-bedrock": { apiKey: "${KEY}" auth: "api-key" } } } }\n`);
    const r = await runCli(["chat", "-m", MODEL, "hi"], { home: home.home, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ConfigError: .*invalid JSON5/);
    expect(r.stderr).toMatch(/apiKey: "\*+" auth/); // masked by the library, the caret kept aligned
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });
});
