import { describe, expect, it } from "vitest";
import { configErrorOf } from "./config-error-of.test-helper.js";
import { parseConfig } from "./parse-config.js";
import { discoverySettings } from "./discovery-settings.js";

const openClawConfig = {
  gateway: { mode: "local", port: 18789 },
  channels: { telegram: { enabled: true } },
  models: {
    mode: "merge",
    bedrockDiscovery: { enabled: true, region: "us-east-1", providerFilter: ["anthropic", "amazon"], refreshInterval: 3600 },
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        api: "bedrock-converse-stream",
        auth: "aws-sdk",
        concurrency: { maxConcurrent: 2 },
        models: [
          {
            id: "us.anthropic.claude-opus-4-6-v1:0",
            name: "Claude Opus 4.6 (Bedrock)",
            reasoning: true,
            input: ["text", "image"],
            cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
            contextWindow: 200000,
            maxTokens: 8192,
            compat: { supportsStore: false },
          },
        ],
      },
      openai: { baseUrl: "https://api.openai.com/v1", api: "openai-responses", auth: "oauth", models: [{ id: "gpt-5" }] },
    },
  },
  agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0", fallbacks: [] }, workspace: "~/w" } },
};

describe("parseConfig", () => {
  it("accepts a full OpenClaw config and keeps every unknown key", () => {
    const config = parseConfig(structuredClone(openClawConfig));
    expect(config).toEqual(openClawConfig);
    expect((config.models?.providers?.["amazon-bedrock"]?.models?.[0] as Record<string, unknown>).compat).toEqual({ supportsStore: false });
  });

  it("accepts an empty object and undefined-free minimal configs", () => {
    expect(parseConfig({})).toEqual({});
    expect(parseConfig({ agents: { defaults: { model: "amazon-bedrock/amazon.nova-pro-v1:0" } } }).agents?.defaults?.model).toBe(
      "amazon-bedrock/amazon.nova-pro-v1:0",
    );
  });

  it("names path, expectation and received value", () => {
    const error = configErrorOf(() => parseConfig({ models: { bedrockDiscovery: { refreshInterval: "1h" } } }));
    expect(error.message).toBe('models.bedrockDiscovery.refreshInterval: expected a number ≥ 0, got "1h"');
    expect(error.path).toBe("models.bedrockDiscovery.refreshInterval");
    expect(error.code).toBe("ConfigInvalid");
  });

  it("rejects negative numbers and non-integer token counts", () => {
    expect(configErrorOf(() => parseConfig({ models: { bedrockDiscovery: { refreshInterval: -5 } } })).message).toBe(
      "models.bedrockDiscovery.refreshInterval: expected a number ≥ 0, got -5",
    );
    expect(configErrorOf(() => parseConfig({ models: { bedrockDiscovery: { defaultMaxTokens: 10.5 } } })).message).toBe(
      "models.bedrockDiscovery.defaultMaxTokens: expected an integer ≥ 1, got 10.5",
    );
  });

  it("brackets keys that are not identifiers and indexes array items", () => {
    const error = configErrorOf(() =>
      parseConfig({ models: { providers: { "amazon-bedrock": { models: [{ id: "a" }, { id: "b", contextWindow: "big" }] } } } }),
    );
    expect(error.path).toBe('models.providers["amazon-bedrock"].models[1].contextWindow');
    expect(error.message).toContain('expected a token count (integer ≥ 1), got "big"');
  });

  it("reports a missing required key and names the file", () => {
    const error = configErrorOf(() =>
      parseConfig({ models: { providers: { "amazon-bedrock": { models: [{ name: "no id" }] } } } }, { file: "/home/u/.streambed/config.json5" }),
    );
    expect(error.message).toBe(
      'models.providers["amazon-bedrock"].models[0].id: expected a value (this key is required), got nothing (in /home/u/.streambed/config.json5)',
    );
    expect(error.file).toBe("/home/u/.streambed/config.json5");
  });

  it("lists several problems, one per line", () => {
    const error = configErrorOf(() =>
      parseConfig({ models: { bedrockDiscovery: { enabled: "yes", providerFilter: 3, region: "moon-1" } } }),
    );
    expect(error.message.split("\n")).toEqual([
      "Invalid config:",
      '  - models.bedrockDiscovery.enabled: expected true or false, got "yes"',
      "  - models.bedrockDiscovery.region: expected an AWS region like us-east-1, got \"moon-1\"",
      '  - models.bedrockDiscovery.providerFilter: expected a provider name or an array of them (e.g. ["anthropic", "amazon"]), got 3',
    ]);
    expect(error.path).toBe("models.bedrockDiscovery.enabled");
  });

  it("checks auth and api against the values OpenClaw allows", () => {
    expect(() => parseConfig({ models: { providers: { "amazon-bedrock": { auth: "api-key" } } } })).not.toThrow();
    expect(configErrorOf(() => parseConfig({ models: { providers: { "amazon-bedrock": { auth: "iam" } } } })).message).toBe(
      'models.providers["amazon-bedrock"].auth: expected "aws-sdk", "api-key", "token" or "oauth", got "iam"',
    );
    expect(configErrorOf(() => parseConfig({ models: { providers: { "amazon-bedrock": { api: "openai-completions" } } } })).path).toBe(
      'models.providers["amazon-bedrock"].api',
    );
  });

  it("never shows an apiKey value", () => {
    const error = configErrorOf(() => parseConfig({ models: { providers: { "amazon-bedrock": { apiKey: 12345678 } } } }));
    expect(error.message).not.toContain("12345678");
    expect(error.message).toContain("got a value (hidden)");
  });

  it("rejects a root that is not an object", () => {
    expect(configErrorOf(() => parseConfig([])).message).toBe("(config root): expected an object (the config root), got an array (0 items)");
  });
});

describe("discoverySettings", () => {
  it("applies OpenClaw's defaults", () => {
    expect(discoverySettings(undefined)).toEqual({
      enabled: undefined,
      region: undefined,
      providerFilter: [],
      refreshInterval: 3600,
      defaultContextWindow: 32000,
      defaultMaxTokens: 4096,
      includeLegacy: false,
    });
  });

  it("normalises the provider filter and keeps explicit values", () => {
    const s = discoverySettings(
      parseConfig({ models: { bedrockDiscovery: { enabled: false, providerFilter: " Anthropic, meta ,anthropic", refreshInterval: 0 } } }),
    );
    expect(s.providerFilter).toEqual(["anthropic", "meta"]);
    expect(s.enabled).toBe(false);
    expect(s.refreshInterval).toBe(0);
  });

  it("with env, substitutes ${NAME} references in string values before validating (the input is not modified)", () => {
    const input = { models: { bedrockDiscovery: { region: "${BEDROCK_REGION}" }, providers: { "amazon-bedrock": { baseUrl: "${BASE}/v1", apiKey: "${KEY}" } } } };
    const config = parseConfig(input, { env: { BEDROCK_REGION: "eu-west-1", BASE: "https://bedrock.example", KEY: "k" } });
    expect(config.models?.bedrockDiscovery?.region).toBe("eu-west-1");
    expect(config.models?.providers?.["amazon-bedrock"]).toMatchObject({ baseUrl: "https://bedrock.example/v1", apiKey: "k" });
    expect(input.models.bedrockDiscovery.region).toBe("${BEDROCK_REGION}");
    // Without env nothing is substituted, and the reference fails validation where a region is expected.
    expect(() => parseConfig(input)).toThrow(/models\.bedrockDiscovery\.region: expected an AWS region like us-east-1, got "\$\{BEDROCK_REGION\}"/);
    // With the variable unset, the error says so.
    expect(() => parseConfig(input, { env: { BASE: "https://b.example", KEY: "k" } })).toThrow(
      'models.bedrockDiscovery.region: expected an AWS region like us-east-1, got "${BEDROCK_REGION}" (the environment variable BEDROCK_REGION is not set)',
    );
  });

  it("with env, an OpenClaw env secret reference as apiKey is resolved; an unset one or another source is named", () => {
    const withKey = (apiKey: unknown) => ({ models: { providers: { "amazon-bedrock": { auth: "api-key", apiKey } } } });
    const env = { BEDROCK_KEY: "k-1" };
    expect(parseConfig(withKey({ source: "env", provider: "default", id: "BEDROCK_KEY" }), { env }).models?.providers?.["amazon-bedrock"]?.apiKey).toBe("k-1");
    expect(() => parseConfig(withKey({ source: "env", id: "NOPE" }), { env })).toThrow(
      'models.providers["amazon-bedrock"].apiKey: expected a string, got a value (hidden) (the environment variable NOPE is not set)',
    );
    expect(() => parseConfig(withKey({ source: "file", provider: "vault", id: "/bedrock/key" }), { env })).toThrow(/a secret reference with source "file": only \{ source: "env", id: "NAME" \} references are resolved/);
  });
});
