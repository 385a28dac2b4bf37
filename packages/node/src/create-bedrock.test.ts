import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { AccessDeniedError, ConfigError, type DebugEntry, type StreamEvent } from "@streambed/core";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrock, type BedrockOptions } from "./create-bedrock.js";

/** The only bearer token the emulator accepts; written in the config. */
const CONFIG_KEY = "ABSKQmVkcm9ja0FQSUtleS1ub2RlLWNvbmZpZy1rZXktMDEyMzQ1Njc=";
/** Accepted too: proves AWS_BEARER_TOKEN_BEDROCK wins over the config. */
const ENV_KEY = "ABSKQmVkcm9ja0FQSUtleS1ub2RlLWVudi1rZXktMDEyMzQ1Njc4OQ==";
/** Accepted SigV4 keys. */
const KEYS = { accessKeyId: "AKIANODECONFIGKEY123", secretAccessKey: "node/config/apikey/test/SECRET+0123456789" };
const REFUSED_KEY = "ABSKQmVkcm9ja0FQSUtleS1yZWZ1c2VkLWtleS0wMTIzNDU2Nzg5";
const SECRETS = [CONFIG_KEY, ENV_KEY, KEYS.secretAccessKey, REFUSED_KEY];
const MODEL = "amazon.nova-micro-v1:0";
const hi = { model: MODEL, messages: [{ role: "user" as const, content: "hi" }] };

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [KEYS], bearerTokens: [CONFIG_KEY, ENV_KEY], script: () => ({ text: "keyed" }) });
  dir = await mkdtemp(join(tmpdir(), "streambed-node-apikey-"));
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const bedrockConfig = (provider: Record<string, unknown>) => ({ models: { providers: { "amazon-bedrock": { baseUrl: emulator.url, ...provider } } } });

function client(options: Partial<BedrockOptions>, debug: DebugEntry[] = []) {
  return createBedrock({
    region: "us-east-1",
    discoveryCache: "memory",
    env: { HOME: dir, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none") },
    retry: false,
    debug: (e) => debug.push(e),
    ...options,
  });
}

async function run(bedrock: ReturnType<typeof createBedrock>): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const ev of bedrock.stream(hi)) events.push(ev);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  } finally {
    await bedrock.close();
  }
}

const text = (events: StreamEvent[]) => events.map((e) => (e.type === "text_delta" ? e.delta : "")).join("");
const lastAuth = () => emulator.requests.at(-1)?.auth;
function expectNoSecret(...values: unknown[]): void {
  const all = values.map((v) => (v instanceof Error ? `${String(v)}\n${v.stack}\n${inspect(v, { depth: 8, showHidden: true })}` : JSON.stringify(v))).join("\n");
  for (const secret of SECRETS) expect(all).not.toContain(secret);
}

describe('createBedrock: models.providers["amazon-bedrock"].apiKey', () => {
  it('auth "api-key" (config object): the emulator receives and verifies Authorization: Bearer <apiKey>', async () => {
    const debug: DebugEntry[] = [];
    const bedrock = client({ config: bedrockConfig({ auth: "api-key", apiKey: CONFIG_KEY }) }, debug);
    const described = await bedrock.credentials.describe();
    expect(described).toEqual({ source: 'config: models.providers["amazon-bedrock"].apiKey', kind: "bearer" });
    const { events, error } = await run(bedrock);
    expect(error).toBeUndefined();
    expect(text(events)).toBe("keyed");
    expect(lastAuth()).toEqual({ scheme: "bearer", verified: true });
    expect(debug.find((e) => e.event === "request")?.credentialSource).toBe('config: models.providers["amazon-bedrock"].apiKey');
    expectNoSecret(described, debug);
  });

  it("from a JSON5 file (STREAMBED_CONFIG), auth unset and AWS access keys in the env: the config key wins over the keys", async () => {
    const file = join(dir, "apikey.json5");
    await writeFile(file, `{ models: { providers: { "amazon-bedrock": { baseUrl: "${emulator.url}", apiKey: "${CONFIG_KEY}" } } } }`);
    const bedrock = createBedrock({
      region: "us-east-1",
      discoveryCache: "memory",
      env: { STREAMBED_CONFIG: file, AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey },
    });
    const { error } = await run(bedrock);
    expect(error).toBeUndefined();
    expect(lastAuth()).toEqual({ scheme: "bearer", verified: true });
  });

  it("OpenClaw's ${NAME} references in the file are substituted from the env (whole and inline); an unset one is named", async () => {
    const file = join(dir, "apikey-env.json5");
    await writeFile(file, '{ models: { providers: { "amazon-bedrock": { baseUrl: "${EMU_ORIGIN}", auth: "api-key", apiKey: "${MY_BEDROCK_KEY}" } } } }');
    const env = { STREAMBED_CONFIG: file, EMU_ORIGIN: emulator.url, MY_BEDROCK_KEY: CONFIG_KEY };
    const bedrock = createBedrock({ region: "us-east-1", discoveryCache: "memory", env });
    expect(await bedrock.credentials.describe()).toEqual({ source: 'config: models.providers["amazon-bedrock"].apiKey', kind: "bearer" });
    const { error } = await run(bedrock);
    expect(error).toBeUndefined();
    expect(lastAuth()).toEqual({ scheme: "bearer", verified: true });
    // The variable unset: a ConfigError naming it, before any request.
    const before = emulator.requests.length;
    const unset = createBedrock({ region: "us-east-1", discoveryCache: "memory", env: { STREAMBED_CONFIG: file, EMU_ORIGIN: emulator.url } });
    const failed = await run(unset);
    expect(failed.error).toBeInstanceOf(ConfigError);
    expect(String(failed.error)).toContain("MY_BEDROCK_KEY is not set (or empty) in the environment");
    expect(emulator.requests.length).toBe(before);
  });

  it("AWS_BEARER_TOKEN_BEDROCK beats the config's key; the credentials option beats both", async () => {
    const config = bedrockConfig({ auth: "api-key", apiKey: REFUSED_KEY });
    const env = client({ config, env: { AWS_BEARER_TOKEN_BEDROCK: ENV_KEY } });
    expect((await env.credentials.describe()).source).toBe("env: AWS_BEARER_TOKEN_BEDROCK");
    expect((await run(env)).error).toBeUndefined();
    expect(lastAuth()).toEqual({ scheme: "bearer", verified: true });
    const explicit = client({ config, env: { AWS_BEARER_TOKEN_BEDROCK: REFUSED_KEY }, credentials: KEYS });
    expect((await run(explicit)).error).toBeUndefined();
    expect(lastAuth()).toMatchObject({ scheme: "sigv4", verified: true });
  });

  it('auth "aws-sdk" ignores the key: SigV4 from the env', async () => {
    const bedrock = client({
      config: bedrockConfig({ auth: "aws-sdk", apiKey: REFUSED_KEY }),
      env: { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey },
    });
    expect((await bedrock.credentials.describe()).source).toBe("env: AWS_ACCESS_KEY_ID");
    expect((await run(bedrock)).error).toBeUndefined();
    expect(lastAuth()).toMatchObject({ scheme: "sigv4", verified: true });
  });

  it('auth "api-key" with a whitespace key in a file: ConfigError naming the path and the file, no request sent', async () => {
    const file = join(dir, "empty-key.json5");
    await writeFile(file, `{ models: { providers: { "amazon-bedrock": { baseUrl: "${emulator.url}", auth: "api-key", apiKey: "  " } } } }`);
    const before = emulator.requests.length;
    const bedrock = client({ config: file, env: { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey } });
    const { error } = await run(bedrock);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe('models.providers["amazon-bedrock"].apiKey');
    expect((error as ConfigError).file).toBe(file);
    expect((error as Error).message).toMatch(/apiKey is empty, but models\.providers\["amazon-bedrock"\]\.auth is "api-key"/);
    expect(emulator.requests.length).toBe(before);
  });

  it("a key Bedrock refuses: AccessDeniedError (403) without the key anywhere", async () => {
    const debug: DebugEntry[] = [];
    const bedrock = client({ config: bedrockConfig({ auth: "token", apiKey: REFUSED_KEY }) }, debug);
    const described = await bedrock.credentials.describe();
    const { error } = await run(bedrock);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ status: 403 });
    expect(lastAuth()).toEqual({ scheme: "bearer", verified: false });
    expectNoSecret(error, described, debug, emulator.requests.at(-1));
  });
});
