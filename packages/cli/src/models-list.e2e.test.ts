import { describe, expect, it } from "vitest";
import { emulatorVars, runCli, useEmulatorAndHome, withHome } from "./spawn-cli.test-helper.js";

const t = useEmulatorAndHome();

interface ListedJson {
  count: number;
  models: Array<{ key: string; id: string; name: string; input: string[]; contextWindow: number; source: string }>;
}

describe("streambed models list", () => {
  it("--json: {count, models} with the emulator's streaming text models", async () => {
    const r = await runCli(["models", "list", "--json"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ListedJson;
    expect(out.count).toBe(out.models.length);
    const keys = out.models.map((m) => m.key);
    expect(keys).toContain("amazon-bedrock/us.anthropic.claude-sonnet-4-6");
    expect(keys).toContain("amazon-bedrock/amazon.nova-pro-v1:0");
    // Profile-only models appear under their profiles, never by bare id; no embeddings, images or LEGACY.
    expect(keys).not.toContain("amazon-bedrock/anthropic.claude-haiku-4-5-20251001-v1:0");
    expect(keys.some((k) => /embed|image/i.test(k))).toBe(false);
    expect(keys.some((k) => k.includes("claude-3-5-sonnet"))).toBe(false);
    for (const m of out.models) {
      expect(m.key).toBe(`amazon-bedrock/${m.id}`);
      expect(m.source).toBe("discovered");
      expect(m.contextWindow).toBeGreaterThan(0);
      expect(m.input).toContain("text");
    }
    expect(t.emulator.requests.some((q) => q.operation === "list-foundation-models")).toBe(true);
  });

  it("--all adds LEGACY models; --provider filters; --plain prints keys", async () => {
    const all = JSON.parse((await runCli(["models", "list", "--json", "--all"], { home: t.home, env: emulatorVars(t.emulator) })).stdout) as ListedJson;
    expect(all.models.some((m) => m.id.includes("claude-3-5-sonnet"))).toBe(true);
    const plain = await runCli(["models", "list", "--plain", "--provider", "amazon"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(plain.code).toBe(0);
    const keys = plain.stdout.trimEnd().split("\n");
    expect(keys.length).toBeGreaterThan(2);
    expect(keys.every((k) => /^amazon-bedrock\/(us\.|eu\.|apac\.|global\.)?amazon\./.test(k))).toBe(true);
  });

  it("prints a borderless table: model, context, input, name; fits 80 and 100 columns; --wide adds every detail", async () => {
    const table = async (columns: string, ...args: string[]) => {
      const r = await runCli(["models", "list", ...args], { home: t.home, env: emulatorVars(t.emulator, { COLUMNS: columns }) });
      expect(r).toMatchObject({ code: 0 });
      expect(r.stdout).not.toMatch(/[│┌├─]|\u001b\[/); // no rules, no colour (NO_COLOR)
      return r.stdout.trimEnd().split("\n");
    };
    const at100 = await table("100");
    expect(at100[0]!.split(/ {2,}/)).toEqual(["model", "context", "input", "name"]);
    expect(at100.every((l) => l.length <= 100)).toBe(true);
    expect(at100.find((l) => l.startsWith("us.anthropic.claude-sonnet-4-6 "))!.split(/ {2,}/).slice(1)).toEqual(["1M", "text+image", "Claude Sonnet 4.6 (US)"]);
    const at80 = await table("80");
    expect(at80.every((l) => l.length <= 80)).toBe(true);
    expect(at80.find((l) => l.startsWith("us.anthropic.claude-sonnet-4-6 "))!.split(/ {2,}/).slice(1, 3)).toEqual(["1M", "text+image"]);
    expect(at80).toHaveLength(at100.length);
    const wide = await table("80", "--wide");
    expect(wide[0]!.split(/ {2,}/)).toEqual(["key", "name", "input", "context", "max out", "reasoning", "$/Mtok in / out", "source", "profile"]);
    expect(wide.find((l) => l.startsWith("amazon-bedrock/us.anthropic.claude-sonnet-4-6 "))!.split(/ {2,}/).slice(2)).toEqual(["text+image", "1M", "64k", "yes", "$3 / $15", "discovered", "US"]);
  });

  it("--json with --plain (or --wide) is a usage error: exit 2, nothing listed", async () => {
    for (const args of [["--json", "--plain"], ["--plain", "--json"], ["--json", "--wide"]]) {
      const r = await runCli(["models", "list", ...args], { home: t.home, env: emulatorVars(t.emulator) });
      expect(r, args.join(" ")).toMatchObject({ code: 2, stdout: "" });
      expect(r.stderr).toMatch(/cannot be used with option/);
    }
  });

  it("lists configured models, and says why when there are none", async () => {
    await withHome(async (own) => {
      expect((await runCli(["config", "set", "models.bedrockDiscovery.enabled", "false"], { home: own })).code).toBe(0);
      const empty = await runCli(["models", "list"], { home: own, env: emulatorVars(t.emulator) });
      expect(empty.code).toBe(0);
      expect(empty.stdout).toBe("No models found.\nDiscovery is off (models.bedrockDiscovery.enabled is false).\n");
      const model = '{id: "us.anthropic.claude-opus-4-6-v1:0", name: "My Opus", reasoning: true, input: ["text"], cost: {input: 0, output: 0, cacheRead: 0, cacheWrite: 0}, contextWindow: 200000, maxTokens: 8192}';
      expect((await runCli(["config", "set", 'models.providers["amazon-bedrock"].models[0]', model], { home: own })).code).toBe(0);
      const one = JSON.parse((await runCli(["models", "list", "--json"], { home: own, env: emulatorVars(t.emulator) })).stdout) as ListedJson;
      expect(one.count).toBe(1);
      expect(one.models[0]).toMatchObject({ key: "amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0", name: "My Opus", source: "configured" });
    });
  });

  it("a failed discovery: 'No models found.' with the reason, exit 1", async () => {
    await withHome(async (own) => {
      const r = await runCli(["models", "list", "--json"], { home: own, env: emulatorVars(t.emulator, { AWS_SECRET_ACCESS_KEY: "not-the-right-secret-key-for-this-emulator-00" }) });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual({ count: 0, models: [] });
      expect(r.stderr).toMatch(/^No models found\.\nModel discovery failed: Bedrock InvalidSignatureException \(HTTP 403/);
      expect(r.stderr).not.toContain("not-the-right-secret-key");
    });
  });
});
