import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunningEmulator } from "@streambed/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorVars, KEYS, leakedSecrets, runCli, startTestEmulator, withHome } from "./spawn-cli.test-helper.js";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

/** The line of a check, e.g. "✓ credentials  env: …". */
function line(out: string, label: string): string {
  return out.split("\n").find((l) => new RegExp(`^. ${label}\\s`).test(l)) ?? "";
}

describe("streambed doctor", () => {
  it("reports node, config, region, endpoints, credential source, discovery and cache — and no secret", async () => {
    await withHome(async (home) => {
      const env = emulatorVars(emulator, { AWS_BEARER_TOKEN_BEDROCK: KEYS.bearerToken });
      const r = await runCli(["doctor", "--probe"], { home, env });
      const out = r.stdout + r.stderr;
      expect(leakedSecrets(out)).toEqual([]);
      expect(r.code).toBe(0);
      expect(line(out, "node")).toContain(`v${process.versions.node}`);
      expect(line(out, "config")).toContain(join(home, ".streambed", "config.json5"));
      expect(line(out, "config")).toContain("not found");
      expect(line(out, "region")).toContain("us-east-1 (env: AWS_REGION)");
      expect(line(out, "runtime")).toContain(`${emulator.url}`);
      expect(line(out, "runtime")).toContain("env: AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
      expect(line(out, "control plane")).toContain("env: AWS_ENDPOINT_URL_BEDROCK");
      expect(line(out, "credentials")).toMatch(/^✓ credentials\s+env: AWS_BEARER_TOKEN_BEDROCK \(Bedrock API key/);
      expect(line(out, "discovery")).toContain("on (automatic: credentials were found)");
      expect(line(out, "cache")).toContain("empty");
      expect(line(out, "probe")).toMatch(/^✓ probe\s+ListFoundationModels answered in \d+ ms: \d+ streaming text models/);
      // The probe used the bearer token; the emulator saw it, the output did not.
      expect(emulator.requests.at(-1)!.auth.scheme).toBe("bearer");
    });
  });

  it("SigV4 keys with a session token: masked key id only", async () => {
    await withHome(async (home) => {
      const r = await runCli(["doctor"], { home, env: emulatorVars(emulator) });
      expect(r.code).toBe(0);
      expect(leakedSecrets(r.stdout + r.stderr)).toEqual([]);
      expect(line(r.stdout, "credentials")).toContain("env: AWS_ACCESS_KEY_ID (SigV4, key ****WXYZ, with session token)");
    });
  });

  it("--probe failure: the typed error's name, exit 1, no secret", async () => {
    await withHome(async (home) => {
      const wrong = "a-wrong-secret-access-key-for-the-doctor-test-0";
      const r = await runCli(["doctor", "--probe"], { home, env: emulatorVars(emulator, { AWS_SECRET_ACCESS_KEY: wrong }) });
      expect(r.code).toBe(1);
      expect(line(r.stdout, "probe")).toMatch(/^✗ probe\s+ListFoundationModels failed after \d+ ms/);
      expect(r.stdout).toMatch(/AuthenticationError: Bedrock InvalidSignatureException \(HTTP 403/);
      expect(r.stdout).not.toContain(wrong);
      expect(leakedSecrets(r.stdout + r.stderr)).toEqual([]);
    });
  });

  it("no credentials: what was tried, exit 1", async () => {
    await withHome(async (home) => {
      const r = await runCli(["doctor"], { home, env: { AWS_REGION: "eu-west-1", AWS_EC2_METADATA_DISABLED: "true" } });
      expect(r.code).toBe(1);
      expect(line(r.stdout, "credentials")).toMatch(/^✗ credentials\s+none found/);
      expect(r.stdout).toContain("tried: ");
      expect(line(r.stdout, "discovery")).toContain("off (automatic: no credentials");
      expect(line(r.stdout, "runtime")).toContain("https://bedrock-runtime.eu-west-1.amazonaws.com (default)");
    });
  });

  it("an invalid config file is a failed check naming the key; the cache age shows after a listing", async () => {
    await withHome(async (home) => {
      const env = emulatorVars(emulator);
      expect((await runCli(["models", "list", "--plain"], { home, env })).code).toBe(0);
      const ok = await runCli(["doctor"], { home, env });
      expect(line(ok.stdout, "cache")).toMatch(/^· cache\s+\d+ models for us-east-1, fetched \d+ s ago \(fresh\)/);
      await mkdir(join(home, ".streambed"), { recursive: true });
      await writeFile(join(home, ".streambed", "config.json5"), "{ models: { bedrockDiscovery: { refreshInterval: 'soon' } } }");
      const bad = await runCli(["doctor"], { home, env });
      expect(bad.code).toBe(1);
      expect(line(bad.stdout, "config")).toMatch(/^✗ config\s+.*: invalid/);
      expect(bad.stdout).toContain("ConfigError: models.bedrockDiscovery.refreshInterval");
    });
  });
});
