import { createRequire } from "node:module";
import type * as ProperLockfile from "proper-lockfile";
import { ConfigFileLockedError } from "@streambed/core";

const load = createRequire(import.meta.url);
let loaded: typeof ProperLockfile | undefined;

/** proper-lockfile, required on first use: only processes that write a config file need it. */
function properLockfile(): typeof ProperLockfile {
  return (loaded ??= load("proper-lockfile") as typeof ProperLockfile);
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
  for (;;) {
    try {
      release = await lockfile.lock(file, {
        realpath: false,
        lockfilePath: lockFile,
        stale: staleMs,
        retries: 0,
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
    await release().catch(() => undefined); // Already released when lost.
  }
}
