import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFileSecrets, secretsInConfigText, secretsOfConfig } from "./config-file-secrets.js";
import { withHome } from "./spawn-cli.test-helper.js";

const KEY = "plain-config-key-not-a-pattern-42";

describe("config-file-secrets", () => {
  it("the Bedrock API key (trimmed) and every string at a secret-looking key, at any depth", () => {
    const config = {
      models: { providers: { "amazon-bedrock": { apiKey: ` ${KEY} `, region: "us-east-1" } } },
      channels: { telegram: { botToken: "telegram-bot-token-77" } },
      list: [{ password: "hunter2-hunter2" }],
    };
    expect(secretsOfConfig(config).sort()).toEqual([KEY, "hunter2-hunter2", "telegram-bot-token-77"].sort());
    expect(secretsOfConfig(undefined)).toEqual([]);
    expect(secretsOfConfig("not an object")).toEqual([]);
  });

  it("text that is not JSON5: values written at secret-looking keys, closed or not", () => {
    expect(secretsInConfigText(`{ models: { providers: { "amazon-bedrock": { apiKey: "${KEY}" region: "x" } } } }`)).toEqual([KEY]);
    expect(secretsInConfigText(`{\n  'sessionToken': 'unterminated-token-value\n}`)).toEqual(["unterminated-token-value"]);
    expect(secretsInConfigText(`{ region: "us-east-1", maxTokens: "5" }`)).toEqual([]);
  });

  it("reads the config file: missing, failing the schema, not JSON5, with a BOM, unreadable (a directory)", async () => {
    await withHome(async (home) => {
      const env = { HOME: home, STREAMBED_CONFIG: join(home, "c.json5") };
      expect(await configFileSecrets(env)).toEqual([]);
      await writeFile(env.STREAMBED_CONFIG, `{ models: { providers: { "amazon-bedrock": { apiKey: "${KEY}", auth: "nonsense" } } } }`);
      expect(await configFileSecrets(env)).toEqual([KEY]);
      await writeFile(env.STREAMBED_CONFIG, `{ models: { providers: { "amazon-bedrock": { apiKey: "${KEY}" oops } } } }`);
      expect(await configFileSecrets(env)).toEqual([KEY]);
      await writeFile(env.STREAMBED_CONFIG, `\uFEFF{ models: { providers: { "amazon-bedrock": { apiKey: "file-with-a-bom-123" } } } }`);
      expect(await configFileSecrets(env)).toEqual(["file-with-a-bom-123"]);
      await mkdir(env.STREAMBED_CONFIG + ".d");
      expect(await configFileSecrets({ STREAMBED_CONFIG: env.STREAMBED_CONFIG + ".d" })).toEqual([]);
    });
  });
});
