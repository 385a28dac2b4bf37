import type * as ProperLockfile from "proper-lockfile";
import { ConfigFileLockedError } from "@streambed/core";

let loaded: typeof ProperLockfile | undefined;

/** proper-lockfile, required on first use: only processes that write a config file need it. */
function properLockfile(): typeof ProperLockfile {
  return (loaded ??= process.getBuiltinModule("node:module").createRequire(import.meta.url)("proper-lockfile") as typeof ProperLockfile);
}

export interface ConfigFileLockOptions {
  /** How long to wait for the lock before {@link ConfigFileLockedError}. Default 10 000 ms. */
  lockTimeoutMs?: number;
  /**
   * A lock not refreshed for this long is a crashed writer's and is taken over. Default 5 000 ms
   * (at least 2 000); the holder refreshes it every half of this.
   */
  staleLockMs?: number;
}

export const CONFIG_LOCK_DEFAULTS = { lockTimeoutMs: 10_000, staleLockMs: 5_000 } as const;

/** The lock held while `fn` runs. */
export interface HeldLock {
  /** The lock folder, `<file>.lock`. */
  lockFile: string;
  /** Throws {@link ConfigFileLockedError} when the lock was lost (another writer took it over). */
  assertHeld(): void;
}

/** The lock folder for `file`. */
export function lockFileOf(file: string): string {
  return `${file}.lock`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Callback = (error?: NodeJS.ErrnoException | null) => void;

const elocked = (file: string) => Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file });

/**
 * The file system proper-lockfile works through for one lock, with its stale-lock removal made
 * safe. proper-lockfile removes a lock it found stale without checking again: two writers that
 * both saw the crashed writer's lock stale would both remove "it" — the second one removing the
 * lock the first had just taken — and both write (the chaos run lost 66 of 3,000 keys in 300 rounds
 * of 10 writers). Here a removal takes a short guard first (`<lock>.takeover`, made with `mkdir`),
 * looks at the lock again under it and removes it only if it is still stale; otherwise the writer
 * is told the lock is held and waits. Releasing one's own lock (`releasing`) removes it directly.
 */
function guardedFs(lockFile: string, staleMs: number): { fs: Record<string, unknown>; release(): void } {
  // node:fs is taken here, not imported: importing streambed must not build its ES module facade (cold start).
  const { mkdir, realpath, rmdir, stat, utimes } = process.getBuiltinModule("node:fs");
  let releasing = false;
  const guard = `${lockFile}.takeover`;
  const removeStale = (callback: Callback) => {
    mkdir(guard, (error) => {
      if (error) {
        if (error.code !== "EEXIST") return callback(error);
        // Another writer is taking it over. A guard its writer left behind (it died within those
        // few milliseconds) is removed once as old as a stale lock.
        return stat(guard, (statError, guardStat) => {
          if (!statError && guardStat.mtime.getTime() < Date.now() - staleMs) return rmdir(guard, () => callback(elocked(lockFile)));
          callback(elocked(lockFile));
        });
      }
      const done = (result?: NodeJS.ErrnoException | null) => rmdir(guard, () => callback(result));
      stat(lockFile, (statError, lockStat) => {
        if (statError) return done(statError.code === "ENOENT" ? null : statError);
        if (lockStat.mtime.getTime() >= Date.now() - staleMs) return done(elocked(lockFile)); // taken meanwhile: not stale any more
        rmdir(lockFile, (rmError) => done(rmError && rmError.code !== "ENOENT" ? rmError : null));
      });
    });
  };
  return {
    fs: {
      mkdir,
      stat,
      utimes,
      realpath,
      rmdir: (path: string, callback: Callback) => (releasing || path !== lockFile ? rmdir(path, callback) : removeStale(callback)),
    },
    release: () => void (releasing = true),
  };
}

/**
 * Runs `fn` while holding the inter-process lock of `file` (proper-lockfile: a `<file>.lock`
 * folder made with `mkdir`, refreshed while held, released afterwards and on exit). A held lock is
 * waited for, polling with a growing delay, up to `lockTimeoutMs`: then {@link ConfigFileLockedError}
 * naming the lock. A lock older than `staleLockMs` (its writer crashed) is removed and taken.
 * `file`'s folder must exist.
 */
export async function withConfigFileLock<T>(file: string, fn: (lock: HeldLock) => Promise<T>, options: ConfigFileLockOptions = {}): Promise<T> {
  const timeoutMs = options.lockTimeoutMs ?? CONFIG_LOCK_DEFAULTS.lockTimeoutMs;
  const staleMs = Math.max(2_000, options.staleLockMs ?? CONFIG_LOCK_DEFAULTS.staleLockMs);
  const lockFile = lockFileOf(file);
  let lost: unknown;
  const lockfile = properLockfile();
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  let release: () => Promise<void>;
  const guarded = guardedFs(lockFile, staleMs);
  for (;;) {
    try {
      release = await lockfile.lock(file, {
        realpath: false,
        lockfilePath: lockFile,
        stale: staleMs,
        retries: 0,
        fs: guarded.fs as unknown as ProperLockfile.LockOptions["fs"],
        onCompromised: (error) => {
          lost = error;
        },
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new ConfigFileLockedError(
          `Could not lock the config file ${file} within ${timeoutMs} ms: its lock ${lockFile} is held by another writer (streambed config set, or a program calling writeConfigFile). Nothing was written. Try again; a lock its writer stopped refreshing is taken over after ${staleMs / 1000} s, and if no writer is running you can remove ${lockFile}.`,
          { file, lockFile },
        );
      }
      // Full jitter: concurrent waiters do not retry in step.
      await sleep(Math.min(left, Math.ceil(Math.random() * delay)));
      delay = Math.min(delay * 2, 200);
    }
  }
  const held: HeldLock = {
    lockFile,
    assertHeld() {
      if (lost !== undefined) {
        throw new ConfigFileLockedError(
          `Lost the lock ${lockFile} of the config file ${file} (it was not refreshed in time and another writer took it over). Nothing was written. Try again.`,
          { file, lockFile, cause: lost },
        );
      }
    },
  };
  try {
    return await fn(held);
  } finally {
    guarded.release();
    await release().catch(() => undefined); // Already released when lost.
  }
}
