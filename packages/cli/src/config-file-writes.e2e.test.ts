/**
 * `streambed config set` as separate processes on one file (issue 15, items 5–7): concurrent
 * writers of different keys, a stale lock, a symlinked config, a read-only file, another user's file.
 */
import { chmod, chown, lstat, mkdir, readdir, readFile, readlink, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import JSON5 from "json5";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeHome, runCli } from "./spawn-cli.test-helper.js";

let home: string;
let removeHome: () => Promise<void>;
let folder: string;
let file: string;

beforeEach(async () => {
  ({ home, remove: removeHome } = await makeHome());
  folder = join(home, ".streambed");
  file = join(folder, "config.json5");
});
afterEach(async () => {
  await removeHome();
});

const cli = (...args: string[]) => runCli(args, { home });
const isRoot = process.getuid?.() === 0;

describe("concurrent `config set` processes", () => {
  it("10 processes setting 10 different keys at once, 3 rounds: all keys present after every round", async () => {
    const N = 10;
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(Array.from({ length: N }, (_, i) => cli("config", "set", `gateway.r${round}k${i}`, String(i))));
      for (const r of results) expect(r).toMatchObject({ code: 0, stderr: "" });
      const gateway = (JSON5.parse(await readFile(file, "utf8")) as { gateway: Record<string, number> }).gateway;
      const expected = Object.fromEntries(Array.from({ length: round + 1 }, (_, r) => Array.from({ length: N }, (_, i) => [`r${r}k${i}`, i])).flat());
      expect(gateway, `round ${round}`).toEqual(expected);
      // No temp file and no lock left.
      expect(await readdir(folder)).toEqual(["config.json5"]);
    }
  });

  it("a lock left behind by a crashed writer (not refreshed for a minute) is taken over", async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(file, "{ gateway: { port: 1 } }\n");
    await mkdir(`${file}.lock`);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, aMinuteAgo, aMinuteAgo);
    const r = await cli("config", "set", "gateway.port", "2");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(JSON5.parse(await readFile(file, "utf8"))).toEqual({ gateway: { port: 2 } });
    expect(await readdir(folder)).toEqual(["config.json5"]);
  });
});

describe("`config set` on a symlinked config", () => {
  it("writes through to the link's target; the link stays a link (set and unset)", async () => {
    await mkdir(join(home, "dotfiles"));
    const target = join(home, "dotfiles", "streambed.json5");
    await writeFile(target, "{ gateway: { port: 1 } }\n", { mode: 0o640 });
    await mkdir(folder);
    await symlink("../dotfiles/streambed.json5", file);
    const set = await cli("config", "set", "gateway.host", "127.0.0.1");
    expect(set).toMatchObject({ code: 0, stderr: "" });
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readlink(file)).toBe("../dotfiles/streambed.json5");
    expect(JSON5.parse(await readFile(target, "utf8"))).toEqual({ gateway: { port: 1, host: "127.0.0.1" } });
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    expect((await cli("config", "unset", "gateway.port")).code).toBe(0);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(JSON5.parse(await readFile(target, "utf8"))).toEqual({ gateway: { host: "127.0.0.1" } });
    expect(await readdir(folder)).toEqual(["config.json5"]);
    expect(await readdir(join(home, "dotfiles"))).toEqual(["streambed.json5"]);
  });
});

describe("`config set` on a file it may not write", () => {
  it("a read-only file (0444): exit 1, ConfigFileNotWritableError naming the file and its mode; the file untouched", async () => {
    // These tests run as root, which the kernel lets write any file: the mode bits decide.
    await mkdir(folder);
    const text = "// mine\n{ gateway: { port: 1 } }\n";
    await writeFile(file, text);
    await chmod(file, 0o444);
    for (const args of [["config", "set", "gateway.port", "2"], ["config", "unset", "gateway.port"]]) {
      const r = await cli(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(new RegExp(`^ConfigFileNotWritableError: Not writing the config file ${file}: it is read-only`));
      expect(r.stderr).toContain("mode 0444 (r--r--r--)");
      expect(r.stderr).toContain("Nothing was written.");
      expect(await readFile(file, "utf8")).toBe(text);
      expect((await stat(file)).mode & 0o777).toBe(0o444);
      expect(await readdir(folder)).toEqual(["config.json5"]);
    }
  });

  it.runIf(isRoot)("another user's file, set by root: written, its owner and mode kept", async () => {
    await mkdir(folder);
    await writeFile(file, "{ gateway: { port: 1 } }\n");
    await chown(file, 4321, 4321);
    await chmod(file, 0o644);
    expect((await cli("config", "set", "gateway.port", "2")).code).toBe(0);
    const after = await stat(file);
    expect({ uid: after.uid, gid: after.gid, mode: after.mode & 0o777 }).toEqual({ uid: 4321, gid: 4321, mode: 0o644 });
    expect(JSON5.parse(await readFile(file, "utf8"))).toEqual({ gateway: { port: 2 } });
  });
});
