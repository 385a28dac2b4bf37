import { describe, expect, it } from "vitest";
import { parseConfig, type StreambedConfig } from "../config/index.js";
import { ConfigError, CredentialsNotFoundError } from "../errors/index.js";
import { baseCredentialSources } from "./base-credential-sources.js";
import { CONFIG_API_KEY_SOURCE, configCredentialSource } from "./config-credential-source.js";
import { createCredentialChain } from "./credential-chain.js";
import { configSecrets, redactValues } from "./redact-values.js";

const CONFIG_KEY = "ABSKQmVkcm9ja0FQSUtleS1jb25maWctc291cmNlLTAxMjM0NTY=";
const ENV_BEARER = "ABSKQmVkcm9ja0FQSUtleS1lbnYtYmVhcmVyLTAxMjM0NTY3ODk=";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYCONFIGSOURCE";
const KEYS = { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET };

const config = (provider: Record<string, unknown>): StreambedConfig => parseConfig({ models: { providers: { "amazon-bedrock": provider } } });
const chainFor = (options: { env?: Record<string, string>; config?: StreambedConfig; credentials?: { bearerToken: string } }) =>
  createCredentialChain(
    baseCredentialSources({
      env: options.env ?? {},
      ...(options.credentials ? { credentials: options.credentials } : {}),
      config: () => options.config,
    }),
  );

describe("the config's Bedrock API key in the chain", () => {
  it('auth "api-key": a bearer token labelled config: models.providers["amazon-bedrock"].apiKey', async () => {
    const chain = chainFor({ config: config({ auth: "api-key", apiKey: CONFIG_KEY }) });
    expect(await chain.get()).toEqual({ source: 'config: models.providers["amazon-bedrock"].apiKey', credentials: { bearerToken: CONFIG_KEY } });
    const described = await chain.describe();
    expect(described).toEqual({ source: CONFIG_API_KEY_SOURCE, kind: "bearer" });
    expect(JSON.stringify(described)).not.toContain(CONFIG_KEY);
  });

  it("order: explicit > AWS_BEARER_TOKEN_BEDROCK > config apiKey > AWS_ACCESS_KEY_ID", async () => {
    const c = config({ auth: "api-key", apiKey: CONFIG_KEY });
    expect((await chainFor({ config: c, credentials: { bearerToken: ENV_BEARER }, env: { AWS_BEARER_TOKEN_BEDROCK: ENV_BEARER } }).get()).source).toBe("explicit");
    const env = await chainFor({ config: c, env: { AWS_BEARER_TOKEN_BEDROCK: ENV_BEARER, ...KEYS } }).get();
    expect(env).toEqual({ source: "env: AWS_BEARER_TOKEN_BEDROCK", credentials: { bearerToken: ENV_BEARER } });
    expect((await chainFor({ config: c, env: KEYS }).get()).source).toBe(CONFIG_API_KEY_SOURCE);
    // auth unset: a key that is written is used, before the access keys (OpenClaw's order).
    expect((await chainFor({ config: config({ apiKey: CONFIG_KEY }), env: KEYS }).get()).source).toBe(CONFIG_API_KEY_SOURCE);
  });

  it('auth "aws-sdk" ignores the key: the chain goes on, and `tried` says why', async () => {
    const c = config({ auth: "aws-sdk", apiKey: CONFIG_KEY });
    expect((await chainFor({ config: c, env: KEYS }).get()).source).toBe("env: AWS_ACCESS_KEY_ID");
    const error = (await chainFor({ config: c }).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.tried).toEqual([
      "env: AWS_BEARER_TOKEN_BEDROCK — not set",
      `${CONFIG_API_KEY_SOURCE} — ignored: auth is "aws-sdk" (set auth to "api-key" to use it)`,
      "env: AWS_ACCESS_KEY_ID — not set",
    ]);
    expect(error.message).not.toContain(CONFIG_KEY);
  });

  it("no config, or no key: a `tried` line, nothing else", async () => {
    const none = (await chainFor({}).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
    expect(none.tried[1]).toBe(`${CONFIG_API_KEY_SOURCE} — no config`);
    const noKey = (await chainFor({ config: config({ region: "eu-west-1" }) }).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
    expect(noKey.tried[1]).toBe(`${CONFIG_API_KEY_SOURCE} — not set`);
  });

  it('auth "api-key" with an empty key: ConfigError naming the path and the file, lower sources never asked', async () => {
    let lowerAsked = false;
    const chain = createCredentialChain([
      configCredentialSource(async () => config({ auth: "api-key", apiKey: " " }), { file: () => "/etc/streambed.json5" }),
      { label: "instance role (IMDS)", load: async () => ((lowerAsked = true), undefined) },
    ]);
    const error = (await chain.get().catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.path).toBe('models.providers["amazon-bedrock"].apiKey');
    expect(error.file).toBe("/etc/streambed.json5");
    expect(error.message).toContain("/etc/streambed.json5");
    expect(lowerAsked).toBe(false);
    // describe() does not hide a broken source behind "none".
    await expect(chain.describe()).rejects.toBeInstanceOf(ConfigError);
  });

  it("an env bearer token wins before the config is even read", async () => {
    let reads = 0;
    const chain = createCredentialChain(
      baseCredentialSources({ env: { AWS_BEARER_TOKEN_BEDROCK: ENV_BEARER }, config: () => (reads++, config({ auth: "api-key", apiKey: "" })) }),
    );
    expect((await chain.get()).source).toBe("env: AWS_BEARER_TOKEN_BEDROCK");
    expect(reads).toBe(0);
  });

  it("configSecrets() lets outputs redact the key", () => {
    const c = config({ auth: "api-key", apiKey: ` ${CONFIG_KEY} ` });
    expect(configSecrets(c)).toEqual([CONFIG_KEY]);
    expect(configSecrets(undefined)).toEqual([]);
    expect(redactValues(`oops ${CONFIG_KEY}`, configSecrets(c))).toBe("oops ****");
  });
});
