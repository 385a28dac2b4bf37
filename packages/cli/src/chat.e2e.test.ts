import { describe, expect, it } from "vitest";
import { emulatorVars, KEYS, leakedSecrets, runCli, useEmulatorAndHome, withHome } from "./spawn-cli.test-helper.js";

const t = useEmulatorAndHome();

const MODEL = "us.anthropic.claude-sonnet-4-6";

describe("streambed chat", () => {
  it("writes the reply as text and ends the line", async () => {
    const r = await runCli(["chat", "-m", MODEL, "hello from the command line"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    // The emulator echoes the last user text.
    expect(r.stdout).toBe("hello from the command line\n");
    const call = t.emulator.requests.at(-1)!;
    expect(call.operation).toBe("converse-stream");
    expect(call.modelId).toBe(MODEL);
  });

  it("sends --system and --max-tokens", async () => {
    const r = await runCli(["chat", "-m", MODEL, "--system", "be brief", "--max-tokens", "300", "hi"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(r.code).toBe(0);
    const body = JSON.parse(t.emulator.requests.at(-1)!.body) as { system: Array<{ text: string }>; inferenceConfig: { maxTokens: number } };
    expect(body.system[0]!.text).toBe("be brief");
    expect(body.inferenceConfig.maxTokens).toBe(300);
  });

  it("--json writes one event per line, without partial", async () => {
    const r = await runCli(["chat", "--json", "-m", MODEL, "json please"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(r.code).toBe(0);
    const events = r.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]!.type).toBe("start");
    expect(events.at(-1)!.type).toBe("done");
    expect(events.every((e) => !("partial" in e))).toBe(true);
    const text = events.filter((e) => e.type === "text_delta").map((e) => e.delta).join("");
    expect(text).toBe("json please");
    const done = events.at(-1) as { reason: string; message: { content: Array<{ type: string; text: string }> } };
    expect(done.reason).toBe("stop");
    expect(done.message.content[0]).toMatchObject({ type: "text", text: "json please" });
  });

  it("reads the prompt from stdin when none is given", async () => {
    const r = await runCli(["chat", "-m", MODEL], { home: t.home, env: emulatorVars(t.emulator), input: "prompt from a pipe\n" });
    expect(r).toMatchObject({ code: 0, stdout: "prompt from a pipe\n" });
  });

  it("uses agents.defaults.model.primary when --model is absent", async () => {
    await withHome(async (own) => {
      const set = await runCli(["config", "set", "agents.defaults.model.primary", "amazon-bedrock/amazon.nova-pro-v1:0"], { home: own });
      expect(set.code).toBe(0);
      const r = await runCli(["chat", "hi nova"], { home: own, env: emulatorVars(t.emulator) });
      expect(r).toMatchObject({ code: 0, stdout: "hi nova\n" });
      expect(t.emulator.requests.at(-1)!.modelId).toBe("amazon.nova-pro-v1:0");
    });
  });

  it("no prompt at all is a usage error (exit 2)", async () => {
    const r = await runCli(["chat", "-m", MODEL], { home: t.home, env: emulatorVars(t.emulator), input: "  \n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^UsageError: No prompt/);
  });

  it("bad option values are usage errors (exit 2)", async () => {
    const r = await runCli(["chat", "--reasoning", "extreme", "hi"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--reasoning");
  });

  it("a Bedrock error prints the typed error's name and message on stderr, exit 1", async () => {
    const r = await runCli(["chat", "-m", "emulator.fault.403", "hi"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^AccessDeniedError: Bedrock AccessDeniedException \(HTTP 403/);
  });

  it("a refused signature is an AuthenticationError, and no secret is printed", async () => {
    const wrong = "wrong-secret-access-key-for-the-cli-test-000000";
    const r = await runCli(["chat", "-m", MODEL, "hi"], { home: t.home, env: emulatorVars(t.emulator, { AWS_SECRET_ACCESS_KEY: wrong }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^AuthenticationError: /);
    expect(leakedSecrets(r.stdout + r.stderr)).toEqual([]);
    expect(r.stderr).not.toContain(wrong);
    expect(r.stderr).not.toContain(KEYS.accessKeyId);
  });
});
