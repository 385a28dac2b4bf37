/**
 * Config writers racing on one file: several `updateConfigFile` calls and `streambed config set`
 * processes at once, each setting its own key (some of them secret-looking), on a plain file, a
 * symlink (relative, to another link, dangling), a read-only file, behind a lock a crashed writer
 * left, or behind a lock a live writer holds past some writers' deadline. A reader loads the file
 * all along. Afterwards: every writer that said it wrote has its key in the file, the others failed
 * with a typed error; no reader saw a torn file; no lock or temp file is left; links are still
 * links; a read-only file is byte-identical; no secret value in the CLI's output or an error.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, readdir, readFile, readlink, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BedrockError, getConfigPath, setConfigPath } from "@streambed/core";
import { withConfigFileLock } from "../../src/config/config-file-lock.js";
import { loadConfigFile, updateConfigFile } from "../../src/config/index.js";
import { tokenLike } from "./secrets.js";

/** The built CLI (`pnpm build`); without it the race uses in-process writers only. */
export const CLI = fileURLToPath(new URL("../../../cli/dist/cli.js", import.meta.url));

export const LAYOUTS = ["plain", "missing", "symlink", "link-to-link", "dangling-link", "read-only", "stale-lock", "held-lock"] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface RaceOptions {
  random: () => number;
  /** An empty folder for this race. */
  dir: string;
  layout: Layout;
  /** How many writers (2–10). */
  writers: number;
  /** How many of them are `streambed config set` processes (0 when the CLI is not built). */
  cliWriters: number;
  /** The loopback URL where nothing listens (the CLI's credential endpoints). */
  deadUrl: string;
}

export interface RaceResult {
  /** Writer outcomes by name: `written`, an error class, `exit N`. */
  outcomes: string[];
  /** What went wrong (a lost update, a torn read, a file left …). */
  problems: string[];
  /** Everything the writers printed or threw, for the secret scan. */
  texts: Array<{ where: string; value: unknown }>;
  /** Secret values this race wrote (their keys are secret-looking: `…Token`). */
  secrets: Record<string, string>;
  /** Processes started (each must be gone). */
  pids: number[];
}

interface Writer {
  key: string;
  value: string | number;
  cli: boolean;
  lockTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function runCli(args: string[], env: Record<string, string>, pids: number[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid) pids.push(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export async function runConfigRace(options: RaceOptions): Promise<RaceResult> {
  const { random, dir, layout } = options;
  const problems: string[] = [];
  const texts: RaceResult["texts"] = [];
  const secrets: Record<string, string> = {};
  const pids: number[] = [];
  const outcomes: string[] = [];

  // The file the writers are given, and the file really written.
  const linkDir = join(dir, "home");
  const targetDir = join(dir, layout === "dangling-link" ? "not-yet" : "dotfiles");
  await mkdir(linkDir, { recursive: true });
  const given = join(linkDir, "config.json5");
  const linked = layout === "symlink" || layout === "link-to-link" || layout === "dangling-link";
  const target = linked ? join(targetDir, "streambed.json5") : given;
  const initial = { gateway: { port: 1, seed: Math.floor(random() * 1000) } };
  const initialText = `// chaos race\n${JSON.stringify(initial, null, 2)}\n`;
  if (linked) {
    if (layout !== "dangling-link") {
      await mkdir(targetDir, { recursive: true });
      await writeFile(target, initialText, { mode: 0o640 });
    }
    if (layout === "link-to-link") {
      await symlink(target, join(linkDir, "middle.json5"));
      await symlink("middle.json5", given);
    } else await symlink(layout === "dangling-link" ? target : `../dotfiles/streambed.json5`, given);
  } else if (layout !== "missing") await writeFile(given, initialText, { mode: 0o600 });
  if (layout === "read-only") await chmod(given, 0o444);
  if (layout === "stale-lock") {
    // A lock a crashed writer left: not refreshed for a minute.
    await mkdir(`${target}.lock`);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${target}.lock`, old, old);
  }
  const links = linked ? await Promise.all([given, ...(layout === "link-to-link" ? [join(linkDir, "middle.json5")] : [])].map(async (p) => ({ path: p, to: await readlink(p) }))) : [];
  const before = layout === "read-only" ? await readFile(given, "utf8") : undefined;

  // Writers: each its own key; a third of the values secret-looking at a secret-looking key.
  const writers: Writer[] = Array.from({ length: options.writers }, (_, i) => {
    const secret = random() < 0.34;
    const key = secret ? `gateway.w${i}Token` : `gateway.w${i}`;
    const value = secret ? tokenLike(random, "ABSK", 60) : Math.floor(random() * 1_000_000);
    if (secret) secrets[key] = String(value);
    const cli = i < options.cliWriters;
    // held-lock: some in-process writers give up before the holder lets go.
    const lockTimeoutMs = !cli && layout === "held-lock" && random() < 0.5 ? 20 + Math.floor(random() * 200) : undefined;
    return { key, value, cli, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) };
  });

  // A reader loading the file all along: it must always see a whole file (or none).
  let reading = true;
  let reads = 0;
  const reader = (async () => {
    while (reading) {
      try {
        await loadConfigFile({ path: given });
        reads++;
      } catch (error) {
        problems.push(`torn read: ${(error as Error).name}: ${(error as Error).message.slice(0, 200)}`);
        texts.push({ where: "reader", value: error });
      }
      await sleep(1);
    }
  })();

  const cliEnv = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    NO_COLOR: "1",
    STREAMBED_CONFIG: given,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_STS: options.deadUrl,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: options.deadUrl,
  };
  const holder =
    layout === "held-lock"
      ? withConfigFileLock(target, () => sleep(150 + Math.floor(random() * 400)))
      : Promise.resolve();
  // Writers start all in the same tick, or a few milliseconds apart in a random order.
  const stagger = random() < 0.5 ? 0 : 20;
  const delays = writers.map(() => Math.floor(random() * stagger));
  const results = await Promise.all(
    writers.map(async (w, i): Promise<{ w: Writer; written: boolean }> => {
      if (delays[i]! > 0) await sleep(delays[i]!);
      if (w.cli) {
        const r = await runCli(["config", "set", w.key, String(w.value)], cliEnv, pids);
        texts.push({ where: `writer ${i} (cli) stdout`, value: r.stdout }, { where: `writer ${i} (cli) stderr`, value: r.stderr });
        outcomes.push(r.code === 0 ? "written (cli)" : `cli exit ${r.code}`);
        if (r.code !== 0 && r.code !== 1) problems.push(`writer ${i} (cli ${w.key}): exit ${r.code}: ${r.stderr.slice(0, 300)}`);
        return { w, written: r.code === 0 };
      }
      try {
        await updateConfigFile(given, (raw) => setConfigPath(raw ?? {}, w.key, w.value), w.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: w.lockTimeoutMs });
        outcomes.push("written");
        return { w, written: true };
      } catch (error) {
        texts.push({ where: `writer ${i}`, value: error });
        outcomes.push(error instanceof BedrockError ? error.name : `untyped:${(error as Error)?.name}`);
        if (!(error instanceof BedrockError)) problems.push(`writer ${i} (${w.key}): untyped ${(error as Error)?.name}: ${(error as Error)?.message}`);
        return { w, written: false };
      }
    }),
  );
  await holder;
  reading = false;
  await reader;

  // Every writer that said it wrote has its key; the others were refused for a reason the layout gives.
  const final = existsSync(target) ? (await loadConfigFile({ path: target })).raw : undefined;
  for (const { w, written } of results) {
    const got = getConfigPath(final, w.key);
    if (written && got !== w.value) problems.push(`lost update: ${w.key} was written (${w.cli ? "cli" : "updateConfigFile"}) but the file has ${JSON.stringify(got)}`);
    if (!written && got !== undefined) problems.push(`${w.key} is in the file though its writer failed`);
  }
  const failures = outcomes.filter((o) => !o.startsWith("written"));
  if (layout === "read-only") {
    if (failures.length !== writers.length) problems.push(`read-only file: ${writers.length - failures.length} writer(s) wrote`);
    if ((await readFile(given, "utf8")) !== before) problems.push("read-only file: its content changed");
    for (const o of failures) if (o !== "ConfigFileNotWritableError" && o !== "cli exit 1") problems.push(`read-only file: a writer failed with ${o}`);
  } else if (layout === "held-lock") {
    for (const o of failures) if (o !== "ConfigFileLockedError") problems.push(`held lock: a writer failed with ${o}`);
  } else if (failures.length > 0) problems.push(`${layout}: writer(s) failed: ${failures.join(", ")}`);
  if (layout !== "read-only" && layout !== "missing" && layout !== "dangling-link" && getConfigPath(final, "gateway.port") !== 1) problems.push(`the initial content was lost: gateway.port is ${JSON.stringify(getConfigPath(final, "gateway.port"))}`);

  // Nothing left behind: no lock, no temp file; links still links, to the same place.
  for (const folder of new Set([linkDir, ...(linked ? [targetDir] : [])])) {
    const left = (await readdir(folder).catch(() => [] as string[])).filter((f) => !["config.json5", "middle.json5", "streambed.json5"].includes(f));
    if (left.length > 0) problems.push(`left in ${folder}: ${left.join(", ")}`);
  }
  for (const link of links) {
    const stat = await lstat(link.path);
    if (!stat.isSymbolicLink()) problems.push(`${link.path} is no longer a symlink`);
    else if ((await readlink(link.path)) !== link.to) problems.push(`${link.path} now points elsewhere`);
  }
  if (reads === 0) problems.push("the reader never read the file");
  return { outcomes, problems, texts, secrets, pids };
}
