/** Test support: the built CLI in a pseudo-terminal (@lydell/node-pty, prebuilt), for what only happens on a TTY. */
import { spawn, type IPty } from "@lydell/node-pty";
import { CLI, cliEnv } from "./spawn-cli.test-helper.js";

export interface PtyRun {
  /** Everything the terminal showed so far (stdout and stderr interleaved, escapes included). */
  readonly output: string;
  /** What the terminal shows ({@link screenText}). */
  readonly text: string;
  /** Types `keys` (`"\r"` is Enter, `"\x03"` Ctrl-C, `"\x1b[A"` ↑). */
  type(keys: string): void;
  /**
   * Resolves once the text written after `since` (default: everything) matches `pattern`; no
   * deadline of its own (the test's timeout bounds it).
   */
  waitFor(pattern: RegExp, since?: number): Promise<string>;
  /** The exit code once the process ends. */
  readonly exited: Promise<number>;
  /** Sends `signal` (default SIGHUP, as closing the terminal does). */
  kill(signal?: string): void;
}

/**
 * What a terminal shows for `output`, as lines of text: carriage returns, the cursor moves and line
 * clears readline and the spinner use (`ESC[nG`, `ESC[K`, `ESC[0J`, `ESC[2K`) are applied, every
 * other escape (colours, cursor hiding) dropped. Lines end with "\n"; the last one is the line being written.
 */
export function screenText(output: string): string {
  const done: string[] = [];
  let line: string[] = [];
  let col = 0;
  // eslint-disable-next-line no-control-regex
  const token = /\u001b\[([0-9;?]*)([ -/]*[@-~])|\u001b[()][0-9A-Za-z]|\u001b[=>]|\r|\n|[^\u001b\r\n]/gu;
  for (const match of output.matchAll(token)) {
    const [all, params = "", final] = match;
    if (all === "\r") col = 0;
    else if (all === "\n") {
      done.push(line.join("").trimEnd());
      line = [];
      col = 0;
    } else if (final === "G") col = Math.max(0, Number(params || "1") - 1);
    else if (final === "K" || final === "J") {
      if (params === "2") line = [];
      else line = line.slice(0, col);
    } else if (final === "C") col += Number(params || "1");
    else if (final === "D") col = Math.max(0, col - Number(params || "1"));
    else if (!all.startsWith("\u001b")) {
      while (line.length < col) line.push(" ");
      line[col++] = all;
    }
  }
  return [...done, line.join("")].join("\n");
}

/**
 * Runs `node dist/cli.js …args` in a pseudo-terminal of `cols` columns, in the guarded env of
 * {@link cliEnv} (`color: true` drops NO_COLOR and sets FORCE_COLOR so colours can be checked).
 */
export function runInPty(args: string[], options: { home: string; env?: Record<string, string>; cols?: number; color?: boolean }): PtyRun {
  const env: Record<string, string> = { ...cliEnv(options.home, { TERM: "xterm-256color", ...options.env }) };
  if (options.color) {
    delete env.NO_COLOR;
    env.FORCE_COLOR = "1";
  }
  const pty: IPty = spawn(process.execPath, [CLI, ...args], { name: "xterm-256color", cols: options.cols ?? 100, rows: 40, cwd: options.home, env });
  let output = "";
  const waiters = new Set<() => void>();
  pty.onData((data) => {
    output += data;
    for (const check of [...waiters]) check();
  });
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    get output() {
      return output;
    },
    get text() {
      return screenText(output);
    },
    type: (keys) => pty.write(keys),
    waitFor(pattern, since = 0) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const seen = screenText(output.slice(since));
          const match = pattern.exec(seen);
          if (match) {
            waiters.delete(check);
            resolve(match[0]);
          }
        };
        waiters.add(check);
        void exited.then(() => {
          check();
          if (!waiters.has(check)) return;
          waiters.delete(check);
          reject(new Error(`exited before ${pattern} appeared; output:\n${screenText(output.slice(since))}`));
        });
        check();
      });
    },
    exited,
    kill: (signal) => pty.kill(signal),
  };
}
