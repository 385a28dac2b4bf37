import { describe, expect, it } from "vitest";
import { configErrorOf } from "./config-error-of.test-helper.js";
import { configApiKey, configApiKeyState, CONFIG_API_KEY_PATH } from "./config-api-key.js";
import { parseConfig } from "./parse-config.js";

const KEY = "ABSKQmVkcm9ja0FQSUtleS1jb25maWcta2V5LTAxMjM0NTY3ODk=";
const withProvider = (provider: Record<string, unknown>) => parseConfig({ models: { providers: { "amazon-bedrock": provider } } });

describe("configApiKeyState", () => {
  it('"api-key" and "token" use the key (trimmed); unset auth and "oauth" use it too, as OpenClaw does', () => {
    for (const auth of ["api-key", "token", "oauth", undefined]) {
      expect(configApiKeyState(withProvider({ ...(auth ? { auth } : {}), apiKey: `  ${KEY}\n` }))).toEqual({ state: "use", apiKey: KEY });
    }
  });

  it('"aws-sdk" ignores a key and says so; no key anywhere is simply absent', () => {
    const ignored = configApiKeyState(withProvider({ auth: "aws-sdk", apiKey: KEY }));
    expect(ignored).toEqual({ state: "ignored", reason: expect.stringContaining('auth is "aws-sdk" (set auth to "api-key" to use it)') });
    expect(configApiKeyState(withProvider({ auth: "aws-sdk" }))).toMatchObject({ state: "absent" });
    expect(configApiKeyState(withProvider({}))).toEqual({ state: "absent", reason: "not set" });
    expect(configApiKeyState(undefined)).toEqual({ state: "absent", reason: "no config" });
    expect(configApiKeyState(parseConfig({ models: { bedrockDiscovery: { enabled: true } } }))).toEqual({ state: "absent", reason: "not set" });
  });

  it("an empty key with auth unset is ignored (the chain goes on), as OpenClaw does", () => {
    expect(configApiKeyState(withProvider({ apiKey: "  " }))).toMatchObject({ state: "ignored", reason: expect.stringContaining("empty") });
  });

  it('"api-key" / "token" with a missing, empty or whitespace key is invalid, naming the path and the way out', () => {
    for (const auth of ["api-key", "token"]) {
      for (const apiKey of [undefined, "", " \t\n"]) {
        const s = configApiKeyState(withProvider({ auth, ...(apiKey !== undefined ? { apiKey } : {}) }));
        expect(s.state).toBe("invalid");
        const problem = (s as { problem: string }).problem;
        expect(problem).toContain(CONFIG_API_KEY_PATH);
        expect(problem).toContain(`"${auth}"`);
        expect(problem).toMatch(/AWS_BEARER_TOKEN_BEDROCK/);
        expect(problem).toMatch(/"aws-sdk"/);
      }
    }
  });

  it("a ${VAR} reference still in the key (its variable unset or empty) is invalid, naming it; $${VAR} is OpenClaw's literal escape", () => {
    const s = configApiKeyState(withProvider({ auth: "api-key", apiKey: "${MY_BEDROCK_KEY}" }));
    expect(s).toEqual({ state: "invalid", problem: expect.stringContaining("MY_BEDROCK_KEY is not set (or empty) in the environment") });
    expect(configApiKeyState(withProvider({ apiKey: "${MY_BEDROCK_KEY}" })).state).toBe("invalid");
    expect(configApiKeyState(withProvider({ apiKey: "$${NOT_A_REF}" })).state).toBe("use");
  });
});

describe("configApiKey", () => {
  it("returns the key, or undefined when auth does not select one", () => {
    expect(configApiKey(withProvider({ auth: "api-key", apiKey: KEY }))).toBe(KEY);
    expect(configApiKey(withProvider({ auth: "aws-sdk", apiKey: KEY }))).toBeUndefined();
    expect(configApiKey(undefined)).toBeUndefined();
  });

  it("throws a ConfigError with the key path and the file; never the value", () => {
    const error = configErrorOf(() => configApiKey(withProvider({ auth: "token", apiKey: "   " }), { file: "/home/me/.streambed/config.json5" }));
    expect(error.path).toBe(CONFIG_API_KEY_PATH);
    expect(error.file).toBe("/home/me/.streambed/config.json5");
    expect(error.message).toMatch(/^models\.providers\["amazon-bedrock"\]\.apiKey is empty, but .*auth is "token"\..* \(in \/home\/me\/\.streambed\/config\.json5\)$/);
    const ref = configErrorOf(() => configApiKey(withProvider({ auth: "api-key", apiKey: `\${X_${KEY.slice(4, 12).toUpperCase()}}` })));
    expect(ref.message).not.toContain(KEY);
  });
});
