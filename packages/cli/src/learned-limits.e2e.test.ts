import { describe, expect, it } from "vitest";
import { emulatorVars, runCli, useEmulatorAndHome } from "./spawn-cli.test-helper.js";

const t = useEmulatorAndHome();
const SONNET_35 = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";

describe("limits learned from Bedrock (issue 16, item 11)", () => {
  it("a chat over the model's maxTokens says what was learned; models list and doctor show it with its source", async () => {
    const env = emulatorVars(t.emulator, { NO_COLOR: "1" });
    const chat = await runCli(["chat", "-m", SONNET_35, "--max-tokens", "7168", "hello"], { home: t.home, env });
    expect(chat.code).toBe(1);
    expect(chat.stderr).toContain("The maximum tokens you requested exceeds the model limit of 4096");
    expect(chat.stderr).toContain(`streambed learned that ${SONNET_35} takes at most 4096 output tokens`);

    const list = await runCli(["models", "list", "--all", "--wide"], { home: t.home, env: { ...env, COLUMNS: "200" } });
    expect(list.code).toBe(0);
    const row = list.stdout.split("\n").find((l) => l.startsWith(`amazon-bedrock/${SONNET_35} `))!;
    expect(row.split(/ {2,}/)[4]).toBe("4.1k*");
    expect(list.stdout).toMatch(new RegExp(`\\* ${SONNET_35.replace(/[.]/g, "\\.")}: maxTokens 4096 \\(learned \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z from Bedrock ValidationException \\(request [0-9a-f-]+\\)\\)`));

    const doctor = await runCli(["doctor"], { home: t.home, env });
    expect(doctor.stdout).toMatch(/learned\s+1 model\(s\) with limits or refused fields learned from Bedrock's errors at http:\/\/127\.0\.0\.1:\d+/);
    expect(doctor.stdout).toContain("anthropic.claude-3-5-sonnet-20240620-v1:0: maxTokens 4096 (learned ");
  });
});
