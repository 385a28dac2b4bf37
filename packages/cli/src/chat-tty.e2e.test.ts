/**
 * `streambed chat` on a terminal, through a pseudo-terminal: the spinner until the first event,
 * the footer with the cost, and the interactive session (multi-turn history, /model, /system,
 * /reset, /exit, Ctrl-C cancelling the answer, readline history).
 */
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInPty } from "./pty.test-helper.js";
import { emulatorVars, KEYS, leakedSecrets, runCli, useEmulatorAndHome } from "./spawn-cli.test-helper.js";

const t = useEmulatorAndHome();
const MODEL = "us.anthropic.claude-sonnet-4-6";

/** A paced emulator (10 tokens/s), so an answer is still streaming when Ctrl-C comes. */
let slow: RunningEmulator;
beforeAll(async () => {
  slow = await startEmulator({
    credentials: [{ accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey, sessionToken: KEYS.sessionToken }],
    tokensPerSecond: 10,
  });
});
afterAll(async () => {
  await slow?.close();
});

interface SentMessage {
  role: string;
  content: Array<{ text?: string }>;
}
/** The messages and system prompt of the emulator's converse-stream requests, in order. */
function sent(emulator: RunningEmulator): Array<{ modelId?: string; messages: SentMessage[]; system?: Array<{ text: string }> }> {
  return emulator.requests
    .filter((r) => r.operation === "converse-stream")
    .map((r) => ({ modelId: r.modelId, ...(JSON.parse(r.body) as { messages: SentMessage[]; system?: Array<{ text: string }> }) }));
}
const texts = (messages: SentMessage[]) => messages.map((m) => `${m.role}:${m.content.map((c) => c.text ?? "").join("")}`);

describe("streambed chat on a terminal", () => {
  it("one-shot: a spinner while waiting, the answer, a footer with the cost rounded for people; none of it on a pipe", async () => {
    const run = runInPty(["chat", "-m", MODEL, "hello from a terminal"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(await run.exited).toBe(0);
    expect(run.output).toContain("Waiting for the model…"); // drawn, then cleared:
    expect(run.text.startsWith("hello from a terminal\n")).toBe(true);
    expect(run.text).toMatch(/\[stop; \d+ tokens in, \d+ out; \$0\.000\d\d?\]\n/);

    const piped = await runCli(["chat", "-m", MODEL, "hello from a pipe"], { home: t.home, env: emulatorVars(t.emulator) });
    expect(piped).toMatchObject({ code: 0, stdout: "hello from a pipe\n", stderr: "" });
    // --json keeps the exact cost.
    const json = await runCli(["chat", "--json", "-m", MODEL, "hello from a pipe"], { home: t.home, env: emulatorVars(t.emulator) });
    const usage = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; usage?: { input: number; output: number; cost: { total: number } } })
      .find((e) => e.type === "usage")!.usage!;
    expect(usage.cost.total).toBe((usage.input * 3) / 1e6 + (usage.output * 15) / 1e6);
  });

  it("reasoning is dimmed and tool calls are shown, in the session too", async () => {
    const run = runInPty(["chat", "-m", "emulator.reasoning"], { home: t.home, env: emulatorVars(t.emulator), color: true });
    await run.waitFor(/> $/);
    let mark = run.output.length;
    run.type("think first\r");
    await run.waitFor(/\]\n> $/, mark);
    expect(run.output.slice(mark)).toMatch(/\u001b\[2m[^\u001b]+\u001b\[22m/); // dim reasoning
    expect(run.text.slice(run.text.lastIndexOf("> think first"))).toMatch(/think first\n[\s\S]+\n+think first\n\[stop;/);
    mark = run.output.length;
    run.type("/model emulator.tool\r");
    await run.waitFor(/Model: emulator\.tool/, mark);
    run.type("weather?\r");
    await run.waitFor(/\[tool call get_weather \{.*\}\]\n[\s\S]*\[toolUse;[^\n]*\]\n> $/, mark);
    run.type("/exit\r");
    expect(await run.exited).toBe(0);
  });

  it("interactive: multi-turn history, /system, /model, /reset, readline history (↑), /exit", async () => {
    const run = runInPty(["chat", "-m", MODEL], { home: t.home, env: emulatorVars(t.emulator) });
    await run.waitFor(/> $/);
    const before = sent(t.emulator).length;
    const ask = async (keys: string, answer: RegExp) => {
      const mark = run.output.length;
      run.type(keys);
      await run.waitFor(answer, mark);
      await run.waitFor(/\]\n> $/, mark); // the footer, then the prompt again
    };
    await ask("first question\r", /\nfirst question\n/);
    await ask("second question\r", /\nsecond question\n/);
    let requests = sent(t.emulator).slice(before);
    expect(texts(requests[1]!.messages)).toEqual(["user:first question", "assistant:first question", "user:second question"]);

    run.type("/system Answer briefly.\r");
    await run.waitFor(/System prompt set/);
    run.type("/model us.amazon.nova-pro-v1:0\r");
    await run.waitFor(/Model: us\.amazon\.nova-pro-v1:0/);
    await ask("third\r", /\nthird\n/);
    requests = sent(t.emulator).slice(before);
    expect(requests[2]!.modelId).toBe("us.amazon.nova-pro-v1:0");
    expect(requests[2]!.system).toEqual([{ text: "Answer briefly." }]);
    expect(requests[2]!.messages).toHaveLength(5);

    run.type("/reset\r");
    await run.waitFor(/Conversation forgotten/);
    // ↑ brings back the last line typed: "/reset"; ↑ ↑ the one before it.
    await ask("\u001b[A\u001b[A\r", /\nthird\n/);
    requests = sent(t.emulator).slice(before);
    expect(texts(requests[3]!.messages)).toEqual(["user:third"]);

    run.type("/exit\r");
    expect(await run.exited).toBe(0);
    expect(leakedSecrets(run.output)).toEqual([]);
  });

  it("interactive: Ctrl-C cancels the answer, not the session; the cancelled turn is not kept", async () => {
    const run = runInPty(["chat", "-m", "emulator.lorem:400"], { home: t.home, env: emulatorVars(slow) });
    await run.waitFor(/> $/);
    let mark = run.output.length;
    run.type("tell me a long story\r");
    await run.waitFor(/story\n[A-Z][a-z]+ [a-z]/, mark); // the answer has begun (the spinner line starts with ⠋)
    run.type("\u0003");
    await run.waitFor(/Cancelled\.\n> $/, mark);
    mark = run.output.length;
    run.type("/model emulator.echo\r");
    await run.waitFor(/Model: emulator\.echo/, mark);
    run.type("still here?\r");
    await run.waitFor(/\nstill here\?\n/, mark);
    await run.waitFor(/\]\n> $/, mark);
    const last = sent(slow).at(-1)!;
    expect(texts(last.messages)).toEqual(["user:still here?"]);
    // A failed turn prints its typed error; the session goes on.
    mark = run.output.length;
    run.type("/model emulator.fault.403\r");
    await run.waitFor(/Model: emulator\.fault\.403/, mark);
    run.type("denied?\r");
    await run.waitFor(/AccessDeniedError: [^\n]+\n> $/, mark);
    // Ctrl-C at the prompt clears the line; Ctrl-D leaves.
    run.type("half typed\u0003");
    await run.waitFor(/\^C\n> $/, mark);
    run.type("\u0004");
    expect(await run.exited).toBe(0);
  });

  it("interactive: a SIGINT from outside at the prompt ends the session with 130", async () => {
    const run = runInPty(["chat", "-m", MODEL], { home: t.home, env: emulatorVars(t.emulator) });
    await run.waitFor(/> $/);
    run.kill("SIGINT");
    expect(await run.exited).toBe(130);
  });
});
