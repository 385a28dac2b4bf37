import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeHome, runCli } from "./spawn-cli.test-helper.js";

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
