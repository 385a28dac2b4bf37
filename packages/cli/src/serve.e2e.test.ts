import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunningEmulator } from "@streambed/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emulatorVars, makeHome, runCli, spawnCli, startTestEmulator } from "./spawn-cli.test-helper.js";

let emulator: RunningEmulator;
let home: { home: string; remove: () => Promise<void> };
let config: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  home = await makeHome();
  config = join(home.home, "gateway.json5");
});
afterAll(async () => {
  await emulator?.close();
  await home?.remove();
});

const chat = (url: string, key: string, model = "us.anthropic.claude-sonnet-4-6") =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hello from the cli test" }] }),
  });

describe("streambed gateway keys + streambed serve", () => {
  it("creates, lists, serves, limits, revokes, and stops on SIGTERM", async () => {
    const created = await runCli(["gateway", "keys", "create", "--name", "team-a", "--models", "anthropic.*", "--rpm", "2", "--config", config], { home: home.home });
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sk-sb-[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("only time the key is shown");
    const stored = await readFile(config, "utf8");
    expect(stored).not.toContain(key);
    expect(stored).toMatch(/hash: "sha256:[0-9a-f]{64}"/);

    const again = await runCli(["gateway", "keys", "create", "--name", "team-a", "--config", config], { home: home.home });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists already");

    const listed = await runCli(["gateway", "keys", "list", "--json", "--config", config], { home: home.home });
    const list = JSON.parse(listed.stdout) as { count: number; keys: Array<Record<string, unknown>> };
    expect(list.count).toBe(1);
    expect(list.keys[0]).toMatchObject({ name: "team-a", models: ["anthropic.*"], rpm: 2 });
    expect(listed.stdout).not.toContain("sha256:");

    const child = spawnCli(["serve", "--port", "0", "--config", config], { home: home.home, env: emulatorVars(emulator) });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await vi.waitFor(() => expect(stderr).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/), { timeout: 15_000 });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
      const ok = await chat(url, key);
      expect(ok.status).toBe(200);
      expect((await ok.json()).choices[0].message.content).toBe("hello from the cli test");
      expect((await chat(url, key, "us.amazon.nova-lite-v1:0")).status).toBe(403);
      // 2 requests per clock minute: a 429 comes within the next two (three if a minute turns meanwhile).
      let limited: Response | undefined;
      for (let i = 0; i < 4 && !limited; i++) {
        const res = await chat(url, key);
        if (res.status === 429) limited = res;
        else expect(res.status).toBe(200);
      }
      expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await limited!.json()).toMatchObject({ error: { type: "requests", code: "rate_limit_exceeded" } });
      expect((await chat(url, "sk-sb-wrong")).status).toBe(401);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await (await fetch(`${url}/metrics`)).text()).toContain("streambed_gateway_requests_total");

      const revoked = await runCli(["gateway", "keys", "revoke", "team-a", "--config", config], { home: home.home });
      expect(revoked.code, revoked.stderr).toBe(0);
      await vi.waitFor(async () => expect((await chat(url, key)).status).toBe(401), { timeout: 10_000, interval: 500 });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain("Gateway stopped.");
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.status === 429 && l.key === "team-a")).toBe(true);
    expect(stdout + stderr).not.toContain(key);
    expect(stdout).not.toContain("hello from the cli test");
  });

  it("refuses to start when --redis cannot be reached (exit 1, the password masked)", async () => {
    const result = await runCli(["serve", "--port", "0", "--config", config, "--redis", "redis://user:hunter2secret@127.0.0.1:9"], { home: home.home, env: emulatorVars(emulator) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("could not reach Redis at redis://user:****@127.0.0.1:9");
    expect(result.stderr + result.stdout).not.toContain("hunter2secret");
  });
});
