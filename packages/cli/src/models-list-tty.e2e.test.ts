/** `streambed models list` on a real terminal (a pseudo-terminal): the table fits its width; a spinner while listing. */
import { describe, expect, it } from "vitest";
import { runInPty } from "./pty.test-helper.js";
import { emulatorVars, useEmulatorAndHome } from "./spawn-cli.test-helper.js";

const t = useEmulatorAndHome();

describe("streambed models list on a terminal", () => {
  for (const cols of [80, 100]) {
    it(`fits a ${cols}-column terminal, no rule between rows; the spinner is drawn, then cleared`, async () => {
      const run = runInPty(["models", "list", "--refresh"], { home: t.home, env: emulatorVars(t.emulator), cols });
      expect(await run.exited).toBe(0);
      expect(run.output).toContain("Listing Bedrock models…");
      const lines = run.text.trimEnd().split("\n");
      expect(lines[0]!.split(/ {2,}/).slice(0, 3)).toEqual(["model", "context", "input"]);
      expect(lines.find((l) => l.startsWith("us.anthropic.claude-sonnet-4-6 "))).toBeDefined();
      expect(lines.filter((l) => l.length > cols)).toEqual([]);
      expect(run.text).not.toMatch(/[│┌├─]|Listing Bedrock/);
    });
  }
});
