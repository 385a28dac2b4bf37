import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, getConfigPath, setConfigPath, unsetConfigPath } from "@streambed/core";
import { defaultConfigPath } from "./default-config-path.js";
import { loadConfigFile, maskSecretValues } from "./load-config-file.js";
import { writeConfigFile } from "./write-config-file.js";

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "streambed-config-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function configErrorOf(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

const OPENCLAW_JSON5 = `// OpenClaw config with a Bedrock provider
{
  gateway: { mode: "local", port: 18789 },
  channels: { telegram: { enabled: true, streamMode: "partial" } },
  models: {
    bedrockDiscovery: { enabled: true, region: "us-east-1", providerFilter: ["anthropic"], refreshInterval: 3600 },
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        api: "bedrock-converse-stream",
        auth: "aws-sdk",
        models: [
          { id: "us.anthropic.claude-opus-4-6-v1:0", name: "Claude Opus 4.6 (Bedrock)", reasoning: true, input: ["text", "image"],
            cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 200000, maxTokens: 8192, },
        ],
      },
    },
  },
  agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0" }, workspace: "~/clawd" } },
}
`;

describe("defaultConfigPath", () => {
  it("uses STREAMBED_CONFIG, expanding ~, else ~/.streambed/config.json5", () => {
    expect(defaultConfigPath({}, "/home/u")).toBe("/home/u/.streambed/config.json5");
    expect(defaultConfigPath({ STREAMBED_CONFIG: "~/cfg/x.json5" }, "/home/u")).toBe("/home/u/cfg/x.json5");
    expect(defaultConfigPath({ STREAMBED_CONFIG: "/etc/streambed.json5" }, "/home/u")).toBe("/etc/streambed.json5");
    expect(defaultConfigPath({ STREAMBED_CONFIG: "  " }, "/home/u")).toBe("/home/u/.streambed/config.json5");
  });
});

describe("loadConfigFile", () => {
  it("reports a missing file without failing", async () => {
    const loaded = await loadConfigFile({ home, env: {} });
    expect(loaded).toEqual({ config: undefined, raw: undefined, file: join(home, ".streambed", "config.json5"), exists: false });
  });

  it("reads JSON5 (comments, unquoted keys, trailing commas) and keeps unknown keys", async () => {
    const file = join(home, "openclaw.json5");
    await writeFile(file, OPENCLAW_JSON5);
    const loaded = await loadConfigFile({ env: { STREAMBED_CONFIG: file }, home });
    expect(loaded.exists).toBe(true);
    expect(loaded.file).toBe(file);
    expect(loaded.config?.models?.providers?.["amazon-bedrock"]?.models?.[0]?.maxTokens).toBe(8192);
    expect(getConfigPath(loaded.config, "channels.telegram.streamMode")).toBe("partial");
    expect(getConfigPath(loaded.raw, "agents.defaults.workspace")).toBe("~/clawd");
  });

  it("treats an empty file as an empty config", async () => {
    const file = join(home, "empty.json5");
    await writeFile(file, "\n  \n");
    expect((await loadConfigFile({ path: file })).config).toEqual({});
  });

  it("names line and column of a JSON5 syntax error", async () => {
    const file = join(home, "broken.json5");
    await writeFile(file, '{\n  models: {\n    bedrockDiscovery: { enabled: tru },\n  },\n}\n');
    const error = await configErrorOf(loadConfigFile({ path: file }));
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:37: invalid JSON5: invalid character ' '`));
    expect(error.message).toContain("    bedrockDiscovery: { enabled: tru },\n" + " ".repeat(2 + 36) + "^");
    expect(error.file).toBe(file);
  });

  it("never quotes a secret: the value of a secret-looking key on the quoted line is masked, the caret still aligned", async () => {
    const file = join(home, "secret-line.json5");
    const key = "plain-key-value-42";
    // A syntax error on the apiKey line itself (a stray character after the value), and an unterminated secret.
    await writeFile(file, `{ models: { providers: { "amazon-bedrock": {\n  apiKey: "${key}" x,\n} } } }\n`);
    const error = await configErrorOf(loadConfigFile({ path: file }));
    expect(error.message).not.toContain(key);
    // Column 32 is the "x": the caret stays under it.
    expect(error.message).toContain(`\n    apiKey: "${"*".repeat(key.length)}" x,\n` + " ".repeat(2 + 31) + "^");
    await writeFile(file, `{ secretAccessKey: 'abc${key}\n}`);
    const unterminated = await configErrorOf(loadConfigFile({ path: file }));
    expect(unterminated.message).not.toContain(key);
    expect(unterminated.message).not.toContain("abc");
  });

  it("maskSecretValues keeps everything but secret values", () => {
    expect(maskSecretValues(`  maxTokens: 4096, apiKey: 'a\\'b', "bearerToken": "t", name: "n",`)).toBe(`  maxTokens: 4096, apiKey: '****', "bearerToken": "*", name: "n",`);
    expect(maskSecretValues(`region: "us-east-1"`)).toBe(`region: "us-east-1"`);
  });

  it("names the key path and the file of a schema error", async () => {
    const file = join(home, "bad.json5");
    await writeFile(file, "{ models: { bedrockDiscovery: { refreshInterval: '1h' } } }");
    const error = await configErrorOf(loadConfigFile({ path: file }));
    expect(error.message).toBe(`models.bedrockDiscovery.refreshInterval: expected a number ≥ 0, got "1h" (in ${file})`);
    expect(error.path).toBe("models.bedrockDiscovery.refreshInterval");
    expect(error.file).toBe(file);
  });

  it("reports an unreadable path", async () => {
    const error = await configErrorOf(loadConfigFile({ path: home }));
    expect(error.message).toContain("EISDIR");
  });
});

describe("writeConfigFile", () => {
  it("round-trips set/unset through the file, keeping unknown keys", async () => {
    const file = join(home, "openclaw.json5");
    await writeFile(file, OPENCLAW_JSON5);
    let raw = (await loadConfigFile({ path: file })).raw;
    raw = setConfigPath(raw, "models.bedrockDiscovery.refreshInterval", 600);
    raw = setConfigPath(raw, 'models.providers["amazon-bedrock"].region', "eu-west-1");
    raw = unsetConfigPath(raw, "models.bedrockDiscovery.providerFilter");
    await writeConfigFile(file, raw);

    const again = await loadConfigFile({ path: file });
    expect(again.raw).toEqual(raw);
    expect(getConfigPath(again.raw, "gateway.port")).toBe(18789);
    expect(getConfigPath(again.raw, "channels.telegram")).toEqual({ enabled: true, streamMode: "partial" });
    expect(getConfigPath(again.raw, "models.bedrockDiscovery")).toEqual({ enabled: true, region: "us-east-1", refreshInterval: 600 });
    const text = await readFile(file, "utf8");
    expect(text).toContain("  gateway: {\n");
    expect(text).toContain('"amazon-bedrock": {');
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("refuses invalid content and leaves the file untouched", async () => {
    const file = join(home, "c.json5");
    await writeFile(file, OPENCLAW_JSON5);
    const raw = setConfigPath((await loadConfigFile({ path: file })).raw, "models.bedrockDiscovery.refreshInterval", "1h");
    const error = await configErrorOf(writeConfigFile(file, raw));
    expect(error.path).toBe("models.bedrockDiscovery.refreshInterval");
    expect(await readFile(file, "utf8")).toBe(OPENCLAW_JSON5);
    expect((await readdir(home)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("creates missing folders, a 0600 file, and leaves no temp files", async () => {
    const file = join(home, ".streambed", "config.json5");
    await writeConfigFile(file, setConfigPath(undefined, "agents.defaults.model.primary", "amazon-bedrock/amazon.nova-pro-v1:0"));
    expect((await loadConfigFile({ home, env: {} })).config?.agents?.defaults?.model).toEqual({ primary: "amazon-bedrock/amazon.nova-pro-v1:0" });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(home, ".streambed"))).toEqual(["config.json5"]);
  });
});
