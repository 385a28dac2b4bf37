import { dirname } from "node:path";
import { parseConfig } from "@streambed/core";
import { withConfigFileLock, type ConfigFileLockOptions } from "./config-file-lock.js";
import { assertConfigFileWritable } from "./config-file-writable.js";
import { configWriteTarget } from "./config-write-target.js";
import { json5 } from "./json5.js";
import { readRawConfigFile } from "./load-config-file.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/** Pretty JSON5: two-space indent, unquoted identifier keys, trailing newline. */
export function formatConfig(raw: unknown): string {
  return `${json5().stringify(raw, { space: 2, quote: "\"" })}\n`;
}

/** Options of {@link updateConfigFile} and {@link writeConfigFile}: the lock's deadline and staleness. */
export type ConfigFileWriteOptions = ConfigFileLockOptions;

/** What {@link updateConfigFile} did. */
export interface ConfigFileUpdate {
  /** The file written: the path given with symlinks resolved. */
  target: string;
  /** The content read under the lock (`undefined`: no file). */
  before: unknown;
  /** The content now in the file (`before` when nothing was written). */
  after: unknown;
  written: boolean;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

/**
 * Read-modify-write of a config file, safe against concurrent writers:
 * 1. symlinks are resolved, so a linked config is written through to its target (the link stays);
 * 2. the target's lock (`<target>.lock`, see `withConfigFileLock`) is taken, waiting up to
 *    `lockTimeoutMs` (then `ConfigFileLockedError`); a crashed writer's stale lock is taken over;
 * 3. under the lock the file is read again and passed to `edit` (`undefined` when missing), which
 *    returns the new content, or `undefined` to leave the file as it is;
 * 4. the new content is validated (`ConfigError`, nothing written), the file's mode and owner are
 *    checked (`ConfigFileNotWritableError` for a read-only file or one whose owner would change);
 * 5. it is written atomically next to the target, keeping its mode and owner (new files: 0600).
 * Keys streambed does not know are kept; comments are not (JSON5 has no comment-preserving writer).
 */
export function updateConfigFile(file: string, edit: (raw: unknown) => unknown, options: ConfigFileWriteOptions = {}): Promise<ConfigFileUpdate> {
  return writeLocked(file, edit, options, true);
}

/** {@link updateConfigFile}; without `read`, the old content is not read (`before` is `undefined`), so a file that does not parse can be replaced. */
async function writeLocked(file: string, edit: (raw: unknown) => unknown, options: ConfigFileWriteOptions, read: boolean): Promise<ConfigFileUpdate> {
  const { lstat, mkdir } = process.getBuiltinModule("node:fs/promises");
  const target = await configWriteTarget(file);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  return withConfigFileLock(
    target,
    async (lock) => {
      const before = read ? await readRawConfigFile(target) : undefined;
      const after = await edit(before);
      if (after === undefined) return { target, before, after: before, written: false };
      parseConfig(after, { file });
      let existing: { mode: number; uid: number; gid: number } | undefined;
      try {
        existing = await lstat(target);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      if (existing) assertConfigFileWritable(target, existing, file);
      await writeFileAtomic(target, formatConfig(after), {
        mode: existing ? existing.mode & 0o777 : 0o600,
        ...(existing ? { owner: { uid: existing.uid, gid: existing.gid } } : {}),
        beforeRename: lock.assertHeld,
      });
      return { target, before, after, written: true };
    },
    options,
  );
}

/**
 * Validates `raw` and writes it to `file` as readable JSON5, replacing what is there (which is
 * not read), as {@link updateConfigFile} does: locked, through symlinks, atomic, refusing read-only
 * files. Invalid content → ConfigError and the file is left as it was.
 */
export async function writeConfigFile(file: string, raw: unknown, options: ConfigFileWriteOptions = {}): Promise<void> {
  parseConfig(raw, { file });
  await writeLocked(file, () => raw, options, false);
}
