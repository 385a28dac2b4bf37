import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorVars, KEYS, leakedSecrets, runCli, useEmulatorAndHome } from "./spawn-cli.test-helper.js";

const ctx = useEmulatorAndHome();
const KEY_PATH = 'models.providers["amazon-bedrock"].apiKey';
/** A well-formed Bedrock API key the emulator does not know. */
const WRONG_KEY = "ABSKd3Jvbmcta2V5LWluLXRoZS1jb25maWctMDEyMzQ1Njc=";
const MODEL = "us.anthropic.claude-sonnet-4-6";

/** Writes a config with the wrong API key (`auth` unset: a written key is used); env = valid SigV4 keys too, which it outranks. */
async function wrongKeyConfig(name: string): Promise<{ file: string; env: Record<string, string> }> {
  const dir = join(ctx.home, "configs");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json5`);
  await writeFile(file, JSON.stringify({ models: { providers: { "amazon-bedrock": { apiKey: WRONG_KEY } } } }));
  return { file, env: emulatorVars(ctx.emulator, { STREAMBED_CONFIG: file, AWS_EC2_METADATA_DISABLED: "true" }) };
}

/** The `tried` lines of a report, as `<source> — <reason>`. */
const tried = (text: string) => [...text.matchAll(/^\s*(?:- |tried: )(.+ — .+)$/gm)].map((m) => m[1]!.trim());

describe("credentials, told right", () => {
  it("chat: a refused config apiKey (it outranks AWS_ACCESS_KEY_ID) is named with its key and file, not AWS_BEARER_TOKEN_BEDROCK, and gets no IAM advice", async () => {
    const { file, env } = await wrongKeyConfig("chat");
    const r = await runCli(["chat", "-m", MODEL, "hi"], { home: ctx.home, env });
    expect(r.code).toBe(1);
    expect(ctx.emulator.requests.at(-1)!.auth).toMatchObject({ scheme: "bearer", verified: false });
    expect(r.stderr).toMatch(/^AccessDeniedError: /);
    expect(r.stderr).toContain(`The Bedrock API key in ${KEY_PATH} of ${file} was refused`);
    expect(r.stderr).not.toContain("AWS_BEARER_TOKEN_BEDROCK");
    expect(r.stderr).not.toMatch(/\bIAM\b/);
    expect(r.stderr).not.toContain("..");
    expect(r.stderr).not.toContain(WRONG_KEY);
    expect(leakedSecrets(r.stdout + r.stderr)).toEqual([]);
  });

  it("chat: a refused AWS_BEARER_TOKEN_BEDROCK is named as the variable", async () => {
    const env = emulatorVars(ctx.emulator, { AWS_BEARER_TOKEN_BEDROCK: WRONG_KEY, AWS_EC2_METADATA_DISABLED: "true" });
    const r = await runCli(["chat", "-m", MODEL, "hi"], { home: ctx.home, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("The Bedrock API key in AWS_BEARER_TOKEN_BEDROCK was refused");
    expect(r.stderr).not.toMatch(/\bIAM\b/);
  });

  it("models list and doctor --probe: the refused key is named with its key and file, no IAM advice, no '..'", async () => {
    const { file, env } = await wrongKeyConfig("list");
    const list = await runCli(["models", "list", "--plain"], { home: ctx.home, env });
    const listed = list.stdout + list.stderr;
    expect(listed).toContain(`The Bedrock API key in ${KEY_PATH} of ${file} was refused`);
    expect(listed).not.toMatch(/\bIAM\b/);
    expect(listed).not.toContain("..");
    expect(listed).not.toContain("AWS_BEARER_TOKEN_BEDROCK");
    const doctor = await runCli(["doctor", "--probe"], { home: ctx.home, env });
    const probe = doctor.stdout.split("\n✗ probe")[1] ?? "";
    expect(probe).toContain(`The Bedrock API key in ${KEY_PATH} of ${file} was refused`);
    expect(probe).not.toMatch(/\bIAM\b/);
    expect(probe).not.toContain("..");
    expect(leakedSecrets(listed + doctor.stdout + doctor.stderr)).toEqual([]);
    expect(listed + doctor.stdout).not.toContain(WRONG_KEY);
  });

  it("doctor's tried list has the config step, in the order chat's error gives", async () => {
    const env = { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: ctx.emulator.url, AWS_EC2_METADATA_DISABLED: "true" };
    const chat = await runCli(["chat", "-m", MODEL, "hi"], { home: ctx.home, env });
    expect(chat.stderr).toMatch(/^CredentialsNotFoundError: /);
    const doctor = await runCli(["doctor"], { home: ctx.home, env });
    expect(doctor.code).toBe(1);
    expect(tried(chat.stderr)[1]).toBe(`config: ${KEY_PATH} — no config`);
    expect(tried(doctor.stdout)).toEqual(tried(chat.stderr));
  });

  it("doctor with a config it cannot read still lists the config step, second, saying why", async () => {
    const dir = join(ctx.home, "configs");
    await mkdir(dir, { recursive: true });
    const file = join(dir, "broken.json5");
    await writeFile(file, "{ models: { providers: ");
    const doctor = await runCli(["doctor"], { home: ctx.home, env: { STREAMBED_CONFIG: file, AWS_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" } });
    expect(doctor.code).toBe(1);
    const steps = tried(doctor.stdout);
    expect(steps[0]).toBe("env: AWS_BEARER_TOKEN_BEDROCK — not set");
    expect(steps[1]).toBe(`config: ${KEY_PATH} — not read: the config is invalid (see config)`);
    expect(steps[2]).toBe("env: AWS_ACCESS_KEY_ID — not set");
  });

  it("the advice when nothing is found names the sources in chain order", async () => {
    const env = { AWS_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" };
    const doctor = await runCli(["doctor"], { home: ctx.home, env });
    const advice = doctor.stdout.split("\n").find((l) => /^\s+Set /.test(l)) ?? "";
    const order = ["AWS_BEARER_TOKEN_BEDROCK", KEY_PATH, "AWS_ACCESS_KEY_ID", "AWS_PROFILE"].map((s) => advice.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe("hints name current model ids", () => {
  it("chat without a model, and with an empty id, suggests the Sonnet 4.6 inference profile", async () => {
    const env = emulatorVars(ctx.emulator, { AWS_EC2_METADATA_DISABLED: "true" });
    for (const args of [["chat", "hi"], ["chat", "-m", "amazon-bedrock/", "hi"]]) {
      const r = await runCli(args, { home: ctx.home, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^ModelNotFoundError: /);
      expect(r.stderr).toContain('"amazon-bedrock/us.anthropic.claude-sonnet-4-6"');
      expect(r.stderr).not.toMatch(/4-5|4\.5/);
    }
  });
});
