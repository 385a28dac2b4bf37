import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, leakedSecrets, runCli, useEmulatorAndHome } from "../spawn-cli.test-helper.js";

const ctx = useEmulatorAndHome();
const SOURCE = 'config: models.providers["amazon-bedrock"].apiKey';

/** The line of a check, e.g. "✓ credentials  env: …". */
const line = (out: string, label: string) => out.split("\n").find((l) => new RegExp(`^. ${label}\\s`).test(l)) ?? "";

/** Writes `provider` as the config's amazon-bedrock entry; returns the env pointing the CLI at it and the emulator. */
async function withConfig(name: string, provider: Record<string, unknown>, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const dir = join(ctx.home, "configs");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json5`);
  await writeFile(file, JSON.stringify({ models: { providers: { "amazon-bedrock": provider } } }));
  return {
    STREAMBED_CONFIG: file,
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: ctx.emulator.url,
    AWS_ENDPOINT_URL_BEDROCK: ctx.emulator.url,
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

describe("streambed doctor: the config's Bedrock API key", () => {
  it('auth "api-key": names the config key as the source; the probe sends it as a bearer token the emulator verifies', async () => {
    const env = await withConfig("api-key", { auth: "api-key", apiKey: KEYS.bearerToken });
    const r = await runCli(["doctor", "--probe"], { home: ctx.home, env });
    const out = r.stdout + r.stderr;
    expect(leakedSecrets(out)).toEqual([]);
    expect(r.code).toBe(0);
    expect(line(out, "config")).toMatch(/^✓ config\s.*: valid$/);
    expect(line(out, "credentials")).toMatch(/^✓ credentials\s+config: models\.providers\["amazon-bedrock"\]\.apiKey \(Bedrock API key \(bearer\)\)$/);
    expect(line(out, "probe")).toMatch(/^✓ probe\s+ListFoundationModels answered/);
    expect(ctx.emulator.requests.at(-1)!.auth).toEqual({ scheme: "bearer", verified: true });
  });

  it("AWS_BEARER_TOKEN_BEDROCK is named instead when it is set", async () => {
    const env = await withConfig("beaten", { auth: "api-key", apiKey: "ABSKbm90LXRoZS1rZXktdGhhdC1pcy11c2VkLTAxMjM0NTY=" }, { AWS_BEARER_TOKEN_BEDROCK: KEYS.bearerToken });
    const r = await runCli(["doctor"], { home: ctx.home, env });
    expect(line(r.stdout, "credentials")).toContain("env: AWS_BEARER_TOKEN_BEDROCK (Bedrock API key");
    expect(r.stdout).not.toContain("ABSKbm90LXRoZS1rZXktdGhhdC1pcy11c2VkLTAxMjM0NTY=");
  });

  it('auth "aws-sdk" with a key: a warning on the config line, the key listed as ignored under tried', async () => {
    const env = await withConfig("ignored", { auth: "aws-sdk", apiKey: KEYS.bearerToken });
    const r = await runCli(["doctor"], { home: ctx.home, env });
    expect(leakedSecrets(r.stdout + r.stderr)).toEqual([]);
    expect(r.code).toBe(1);
    expect(line(r.stdout, "config")).toMatch(/^! config\s.*valid, but the Bedrock API key cannot be used/);
    expect(r.stdout).toContain('models.providers["amazon-bedrock"].apiKey is ignored: auth is "aws-sdk" (set auth to "api-key" to use it).');
    expect(line(r.stdout, "credentials")).toMatch(/^✗ credentials\s+none found/);
    expect(r.stdout).toContain(`tried: ${SOURCE} — ignored: `);
  });

  it('auth "api-key" with an empty key: the credentials check fails with the ConfigError naming the key path and the file', async () => {
    const env = await withConfig("empty", { auth: "api-key", apiKey: "  " });
    const r = await runCli(["doctor"], { home: ctx.home, env });
    expect(r.code).toBe(1);
    expect(line(r.stdout, "config")).toMatch(/^! config\s/);
    expect(line(r.stdout, "credentials")).toMatch(/^✗ credentials\s+the credential source failed/);
    expect(r.stdout).toMatch(/ConfigError: models\.providers\["amazon-bedrock"\]\.apiKey is empty, but models\.providers\["amazon-bedrock"\]\.auth is "api-key"/);
    expect(r.stdout).toContain(env.STREAMBED_CONFIG);
  });

  it("${NAME} references: the key resolved from the env is used; an unset variable in another value is a warning naming it", async () => {
    const env = await withConfig("env-refs", { auth: "api-key", apiKey: "${MY_BEDROCK_KEY}", models: [{ id: "x", name: "${MODEL_LABEL}" }] }, { MY_BEDROCK_KEY: KEYS.bearerToken });
    const r = await runCli(["doctor", "--probe"], { home: ctx.home, env });
    const out = r.stdout + r.stderr;
    expect(leakedSecrets(out)).toEqual([]);
    expect(line(out, "config")).toMatch(/^! config\s.*: valid, with unset environment variables$/);
    expect(out).toContain('models.providers["amazon-bedrock"].models[0].name: ${MODEL_LABEL} is left as written: MODEL_LABEL is not set (or empty)');
    expect(line(out, "credentials")).toContain(SOURCE);
    expect(ctx.emulator.requests.at(-1)!.auth).toEqual({ scheme: "bearer", verified: true });
  });
});
