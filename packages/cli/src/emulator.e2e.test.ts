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
