/** Test support: the built CLI run as a child process in a throw-away HOME, and a loopback emulator. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { afterAll, beforeAll } from "vitest";
import { guardedChildEnv } from "../../../scripts/test-guard/child-env.mjs";

export const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** Credentials the test emulator accepts. None of these strings may ever appear in CLI output. */
export const KEYS = {
  accessKeyId: "AKIATESTCLI0000WXYZ",
  secretAccessKey: "cli-test-secret-access-key-0123456789abcdef",
  sessionToken: "cli-test-session-token-IQoJb3JpZ2luX2VjEXAMPLE",
  bearerToken: "ABSKY2xpLXRlc3QtYmVhcmVyLXRva2VuLTAxMjM0NTY3",
};

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of one CLI run: nothing inherited but PATH (so no AWS_* or STREAMBED_* from the
 * machine), HOME and USERPROFILE pointing at `home`, colours off, and the loopback guard loaded
 * (`NODE_OPTIONS=--import …`; the IMDS/STS/SSO endpoints `extra` leaves unset on a refused loopback port).
 */
export function cliEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return guardedChildEnv({ PATH: process.env.PATH ?? "", HOME: home, USERPROFILE: home, NO_COLOR: "1", ...extra });
}

/** The env vars that point the CLI at `emulator` with the SigV4 test keys (session token included). */
export function emulatorVars(emulator: RunningEmulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
    AWS_ENDPOINT_URL_BEDROCK: emulator.url,
    AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    AWS_SESSION_TOKEN: KEYS.sessionToken,
    AWS_REGION: "us-east-1",
    ...overrides,
  };
}

/** Run `node dist/cli.js …args` to completion. `input` is written to stdin (closed either way). */
export function runCli(args: string[], options: { home: string; env?: Record<string, string>; input?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.home, env: cliEnv(options.home, options.env), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Start the CLI without waiting for it to end (for `streambed emulator`). */
export function spawnCli(args: string[], options: { home: string; env?: Record<string, string> }): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: options.home, env: cliEnv(options.home, options.env), stdio: ["ignore", "pipe", "pipe"] });
}

/** A fresh temporary HOME. */
export async function makeHome(): Promise<{ home: string; remove: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), "streambed-cli-"));
  return { home, remove: () => rm(home, { recursive: true, force: true }) };
}

/** An emulator on 127.0.0.1 that verifies the test keys (SigV4 + session token, and the bearer token). */
export function startTestEmulator(): Promise<RunningEmulator> {
  return startEmulator({
    credentials: [{ accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey, sessionToken: KEYS.sessionToken }],
    bearerTokens: [KEYS.bearerToken],
    tokensPerSecond: 0,
  });
}

/** Every secret in KEYS that appears in `text` (the access key id counts unless masked). */
export function leakedSecrets(text: string): string[] {
  return Object.entries(KEYS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

/** Runs `fn` with a fresh temporary HOME, removed afterwards. */
export async function withHome<T>(fn: (home: string) => Promise<T>): Promise<T> {
  const { home, remove } = await makeHome();
  try {
    return await fn(home);
  } finally {
    await remove();
  }
}

/** One test emulator and one temporary HOME for a whole test file (started before, removed after). */
export function useEmulatorAndHome(): { readonly emulator: RunningEmulator; readonly home: string } {
  let emulator: RunningEmulator | undefined;
  let home: { home: string; remove: () => Promise<void> } | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    home = await makeHome();
  });
  afterAll(async () => {
    await emulator?.close();
    await home?.remove();
  });
  return {
    get emulator() {
      return emulator!;
    },
    get home() {
      return home!.home;
    },
  };
}
