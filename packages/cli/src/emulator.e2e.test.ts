import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { makeHome, runCli, spawnCli } from "./spawn-cli.test-helper.js";

describe("streambed emulator", () => {
  it("prints the env vars to export, serves them, and stops on SIGTERM", async () => {
    const { home, remove } = await makeHome();
    const child = spawnCli(["emulator", "--port", "0"], { home });
    try {
      let stdout = "";
      child.stdout!.setEncoding("utf8");
      while (!/AWS_REGION=/.test(stdout)) {
        const [chunk] = (await once(child.stdout!, "data")) as [string];
        stdout += chunk;
      }
      const vars = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
      expect(Object.keys(vars)).toEqual(["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"]);
      expect(vars.AWS_ENDPOINT_URL_BEDROCK_RUNTIME).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(vars.AWS_ENDPOINT_URL_BEDROCK).toBe(vars.AWS_ENDPOINT_URL_BEDROCK_RUNTIME);
      expect(vars.AWS_REGION).toBe("us-east-1");

      // One request with exactly what it printed: a chat through the CLI (paced at 40 tokens/s).
      const chat = await runCli(["chat", "-m", "us.anthropic.claude-sonnet-4-6", "ping the emulator"], { home, env: vars });
      expect(chat).toMatchObject({ code: 0, stdout: "ping the emulator\n" });

      const closed = once(child, "close");
      child.kill("SIGTERM");
      const [code] = (await closed) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await remove();
    }
  });

  it("--api-key is accepted as a bearer token and printed; unknown model ids get Bedrock's 400 unless --lenient; one log line per request", async () => {
    const { home, remove } = await makeHome();
    const start = async (args: string[]) => {
      const child = spawnCli(["emulator", "--port", "0", ...args], { home });
      let stdout = "";
      let stderr = "";
      child.stdout!.setEncoding("utf8");
      child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      while (!/AWS_BEARER_TOKEN_BEDROCK=/.test(stdout)) {
        const [chunk] = (await once(child.stdout!, "data")) as [string];
        stdout += chunk;
      }
      const url = /AWS_ENDPOINT_URL_BEDROCK_RUNTIME=(\S+)/.exec(stdout)![1]!;
      const stop = async () => {
        const closed = once(child, "close");
        child.kill("SIGTERM");
        await closed;
      };
      return { child, stdout, stderr: () => stderr, url, stop };
    };
    const strict = await start(["--api-key", "ABSKbG9jYWwtZW11bGF0b3Ita2V5LTAwMDAwMQ=="]);
    const lenient = await start(["--lenient"]);
    try {
      expect(strict.stdout).toContain("export AWS_BEARER_TOKEN_BEDROCK=ABSKbG9jYWwtZW11bGF0b3Ita2V5LTAwMDAwMQ==");
      const env = { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: strict.url, AWS_ENDPOINT_URL_BEDROCK: strict.url, AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: "ABSKbG9jYWwtZW11bGF0b3Ita2V5LTAwMDAwMQ==" };
      const ok = await runCli(["chat", "-m", "us.anthropic.claude-sonnet-4-6", "with an API key"], { home, env });
      expect(ok).toMatchObject({ code: 0, stdout: "with an API key\n" });
      const unknown = await runCli(["chat", "-m", "acme.no-such-model-v1:0", "hi"], { home, env });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("The provided model identifier is invalid.");
      expect(strict.stderr()).toMatch(/^\d\d:\d\d:\d\d converse-stream us\.anthropic\.claude-sonnet-4-6 200 \d+ms$/m);
      expect(strict.stderr()).toMatch(/^\d\d:\d\d:\d\d converse-stream acme\.no-such-model-v1:0 400 \d+ms$/m);
      expect(strict.stderr()).not.toContain("ABSK");

      const demoKey = /AWS_BEARER_TOKEN_BEDROCK=(\S+)/.exec(lenient.stdout)![1]!;
      const anyId = await runCli(["chat", "-m", "acme.no-such-model-v1:0", "any id"], {
        home,
        env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: lenient.url, AWS_ENDPOINT_URL_BEDROCK: lenient.url, AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: demoKey },
      });
      expect(anyId).toMatchObject({ code: 0, stdout: "any id\n" });
      const both = await runCli(["emulator", "--strict", "--lenient"], { home });
      expect(both.code).toBe(2);
    } finally {
      await strict.stop();
      await lenient.stop();
      await remove();
    }
  });

  it("refuses a bad port (exit 2)", async () => {
    const { home, remove } = await makeHome();
    try {
      const r = await runCli(["emulator", "--port", "70000"], { home });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--port");
    } finally {
      await remove();
    }
  });
});
