import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeHome, runCli } from "./spawn-cli.test-helper.js";

/** Not shaped like a Bedrock API key (no ABSK prefix, short, dashes): only the config masking can hide it. */
const KEY = "plain-config-key-not-a-pattern-42";
const KEY_PATH = 'models.providers["amazon-bedrock"].apiKey';

let home: string;
let removeHome: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ home, remove: removeHome } = await makeHome());
  file = join(home, ".streambed", "config.json5");
});
afterEach(async () => {
  await removeHome();
});

const cli = (...args: string[]) => runCli(args, { home });

describe("streambed config", () => {
  it("set on a fresh HOME creates ~/.streambed/config.json5; get reads it back", async () => {
    const set = await cli("config", "set", "models.bedrockDiscovery.enabled", "true");
    expect(set).toMatchObject({ code: 0, stderr: "" });
    expect(await readFile(file, "utf8")).toBe("{\n  models: {\n    bedrockDiscovery: {\n      enabled: true,\n    },\n  },\n}\n");
    expect(await cli("config", "get", "models.bedrockDiscovery.enabled")).toMatchObject({ code: 0, stdout: "true\n" });
    expect(await cli("config", "path")).toMatchObject({ code: 0, stdout: `${file}\n` });
  });

  it("dot and bracket paths, JSON5 values, strings as they are", async () => {
    expect((await cli("config", "set", 'models.providers["amazon-bedrock"].region', "eu-west-1")).code).toBe(0);
    expect((await cli("config", "set", "models.bedrockDiscovery.providerFilter", "['anthropic', 'amazon']")).code).toBe(0);
    expect((await cli("config", "set", "models.bedrockDiscovery.refreshInterval", "600")).code).toBe(0);
    expect((await cli("config", "get", 'models.providers["amazon-bedrock"].region')).stdout).toBe("eu-west-1\n");
    expect(JSON.parse((await cli("config", "get", "models.bedrockDiscovery")).stdout)).toEqual({ providerFilter: ["anthropic", "amazon"], refreshInterval: 600 });
    // Keys streambed does not know are kept.
    expect((await cli("config", "set", "gateway.port", "18789")).code).toBe(0);
    expect((await cli("config", "get", "gateway")).stdout).toBe('{\n  "port": 18789\n}\n');
  });

  it("--strict-json refuses a bare word and accepts JSON", async () => {
    const refused = await cli("config", "set", "--strict-json", 'models.providers["amazon-bedrock"].region', "us-east-1");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^UsageError: --strict-json/);
    const ok = await cli("config", "set", "--strict-json", 'models.providers["amazon-bedrock"].region', '"us-east-1"');
    expect(ok.code).toBe(0);
  });

  it("an invalid value exits 2 and leaves the file byte-identical, with no temp files", async () => {
    const original = "// mine\n{ models: { bedrockDiscovery: { enabled: true } }, gateway: { port: 1 } }\n";
    await mkdir(join(home, ".streambed"), { recursive: true });
    await writeFile(file, original);
    for (const [path, value] of [
      ["models.bedrockDiscovery.enabled", "maybe"],
      ["models.bedrockDiscovery.refreshInterval", "-5"],
      ["models.bedrockDiscovery.enabled.deeper", "1"],
      ["models..broken", "1"],
    ] as const) {
      const r = await cli("config", "set", path, value);
      expect(r.code, `${path} ${value}`).toBe(2);
      expect(r.stderr).toMatch(/^ConfigError: /);
      expect(r.stderr).toContain("Nothing was written.");
      expect(await readFile(file, "utf8")).toBe(original);
    }
    expect(await readdir(join(home, ".streambed"))).toEqual(["config.json5"]);
  });

  it("a key the schema does not know, in an object streambed owns, exits 2 with the closest key; the file is unchanged", async () => {
    const original = "// mine\n{ models: { bedrockDiscovery: { enabled: false } } }\n";
    await mkdir(join(home, ".streambed"), { recursive: true });
    await writeFile(file, original);
    const typo = await cli("config", "set", "models.bedrockDiscovery.enabeld", "true");
    expect(typo).toMatchObject({ code: 2, stdout: "" });
    expect(typo.stderr).toMatch(/^UsageError: models\.bedrockDiscovery has no key "enabeld": did you mean `enabled`\? Its keys: enabled, /);
    expect(typo.stderr).toContain("Nothing was written.");
    const inValue = await cli("config", "set", 'models.providers["amazon-bedrock"]', "{regoin: 'us-east-1'}");
    expect(inValue.code).toBe(2);
    expect(inValue.stderr).toContain('models.providers["amazon-bedrock"] has no key "regoin": did you mean `region`?');
    expect(await readFile(file, "utf8")).toBe(original);
    expect(await readdir(join(home, ".streambed"))).toEqual(["config.json5"]);
    // Objects shared with OpenClaw keep unknown keys.
    expect((await cli("config", "set", "agents.defaults.workspace", "~/work")).code).toBe(0);
  });

  it("bare `config` and bare `models` exit alike: their help on stderr, exit 2", async () => {
    for (const command of ["config", "models"]) {
      const r = await cli(command);
      expect(r, command).toMatchObject({ code: 2, stdout: "" });
      expect(r.stderr).toMatch(new RegExp(`^Usage: streambed ${command} \\[options\\] \\[command\\]`));
    }
  });

  it("unset removes a value; unsetting again changes nothing", async () => {
    await cli("config", "set", "models.bedrockDiscovery.enabled", "false");
    await cli("config", "set", "models.bedrockDiscovery.region", "us-west-2");
    const r = await cli("config", "unset", "models.bedrockDiscovery.region");
    expect(r.code).toBe(0);
    const get = await cli("config", "get", "models.bedrockDiscovery.region");
    expect(get.code).toBe(1);
    expect(get.stderr).toContain("models.bedrockDiscovery.region is not set");
    const before = await readFile(file, "utf8");
    const again = await cli("config", "unset", "models.bedrockDiscovery.region");
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain("nothing changed");
    expect(await readFile(file, "utf8")).toBe(before);
    expect(JSON.parse((await cli("config", "get", "models")).stdout)).toEqual({ bedrockDiscovery: { enabled: false } });
  });

  it("follows STREAMBED_CONFIG", async () => {
    const other = join(home, "elsewhere.json5");
    const env = { STREAMBED_CONFIG: other };
    expect((await runCli(["config", "path"], { home, env })).stdout).toBe(`${other}\n`);
    expect((await runCli(["config", "set", "agents.defaults.model.primary", "amazon-bedrock/amazon.nova-pro-v1:0"], { home, env })).code).toBe(0);
    expect(await readFile(other, "utf8")).toContain('primary: "amazon-bedrock/amazon.nova-pro-v1:0"');
  });

  it("--help works on every command", async () => {
    for (const args of [[], ["chat"], ["models"], ["models", "list"], ["config"], ["config", "get"], ["config", "set"], ["config", "unset"], ["config", "path"], ["doctor"], ["emulator"]]) {
      const r = await cli(...args, "--help");
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^Usage: streambed/);
    }
  });
});

const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

describe("streambed config: secrets are hidden unless --reveal", () => {
  it("set confirms without the key; get prints a placeholder; get --reveal prints the key", async () => {
    const set = await cli("config", "set", KEY_PATH, KEY);
    expect(set).toMatchObject({ code: 0, stderr: "", stdout: `Set ${KEY_PATH} = <hidden: ${KEY.length} characters> in ${file}\n` });
    expect(await readFile(file, "utf8")).toContain(`apiKey: "${KEY}"`);

    const get = await cli("config", "get", KEY_PATH);
    expect(get).toMatchObject({ code: 0, stderr: "", stdout: `<hidden: ${KEY.length} characters; add --reveal to print it>\n` });

    expect(await cli("config", "get", "--reveal", KEY_PATH)).toMatchObject({ code: 0, stderr: "", stdout: `${KEY}\n` });
    expect(await cli("config", "get", KEY_PATH, "--reveal")).toMatchObject({ code: 0, stdout: `${KEY}\n` });
  });

  it("get of a parent object hides secrets at any depth and shows the rest; --reveal shows all", async () => {
    await mkdir(join(home, ".streambed"), { recursive: true });
    const config = {
      models: { providers: { "amazon-bedrock": { auth: "api-key", apiKey: KEY, region: "eu-west-1", models: [{ id: "m", maxTokens: 4096 }] } } },
      channels: { telegram: { botToken: "telegram-bot-token-value-77" } },
    };
    await writeFile(file, JSON.stringify(config));
    const models = await cli("config", "get", "models");
    expect(models.code).toBe(0);
    expect(JSON.parse(models.stdout)).toEqual({
      providers: { "amazon-bedrock": { auth: "api-key", apiKey: `<hidden: ${KEY.length} characters; add --reveal to print it>`, region: "eu-west-1", models: [{ id: "m", maxTokens: 4096 }] } },
    });
    const telegram = await cli("config", "get", "channels.telegram");
    expect(JSON.parse(telegram.stdout)).toEqual({ botToken: "<hidden: 27 characters; add --reveal to print it>" });
    expect(output(models) + output(telegram)).not.toMatch(new RegExp(`${KEY}|telegram-bot-token-value-77`));
    expect(JSON.parse((await cli("config", "get", "--reveal", "models")).stdout)).toEqual(config.models);
    // Non-secret values are untouched.
    expect(await cli("config", "get", 'models.providers["amazon-bedrock"].region')).toMatchObject({ stdout: "eu-west-1\n" });
  });

  it("set of an object holding a key hides it in the confirmation", async () => {
    const r = await cli("config", "set", 'models.providers["amazon-bedrock"]', `{auth: "api-key", apiKey: "${KEY}", region: "us-west-2"}`);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(`Set models.providers["amazon-bedrock"] = {"auth":"api-key","apiKey":"<hidden: ${KEY.length} characters>","region":"us-west-2"} in ${file}\n`);
  });

  it("errors about a secret key's value never quote it (--strict-json, a value the schema refuses, a file that is not JSON5)", async () => {
    const strict = await cli("config", "set", "--strict-json", KEY_PATH, KEY);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^UsageError: --strict-json: the value \(not shown/);
    await cli("config", "set", KEY_PATH, KEY);
    const refused = await cli("config", "set", 'models.providers["amazon-bedrock"].auth', "nonsense");
    expect(refused.code).toBe(2);
    await writeFile(file, `{ models: { providers: { "amazon-bedrock": { apiKey: "${KEY}" region: "x" } } } }\n`);
    const broken = await cli("config", "get", KEY_PATH);
    expect(broken.code).toBe(1);
    // The JSON5 error quotes the offending line, which is the key's own line: the key is redacted from it.
    expect(broken.stderr).toMatch(/^ConfigError: .*invalid JSON5/);
    expect(broken.stderr).toMatch(/apiKey: "\*+" region/); // masked by the library, the caret kept aligned
    for (const r of [strict, refused, broken]) expect(output(r)).not.toContain(KEY);
  });

  it("--help of config get documents --reveal", async () => {
    const r = await cli("config", "get", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--reveal");
  });
});
