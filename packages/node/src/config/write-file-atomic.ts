import { basename, dirname, join } from "node:path";

export interface WriteFileAtomicOptions {
  /** Permission bits of the new file. Default: the existing file's, else 0600. Set exactly (the umask does not apply). */
  mode?: number;
  /** Owner and group to give the new file (the old file's), when they differ from the writer's. */
  owner?: { uid: number; gid: number };
  /** Runs when the temp file is complete, right before the rename; a throw aborts the write (the temp file is removed). */
  beforeRename?: () => void;
}

/**
 * Writes `contents` to `file` atomically: a temp file in the same folder, flushed, then renamed
 * over the target, so readers see the old file or the new one, never half of one. The folder is
 * created (0700) when missing; a new file gets mode 0600 (it may hold an API key), an existing
 * file keeps its mode. `file` itself is replaced: a symlink is not followed (see `updateConfigFile`).
 */
export async function writeFileAtomic(file: string, contents: string, options: WriteFileAtomicOptions = {}): Promise<void> {
  // Taken here, not imported: only a write needs them, and importing streambed should not (cold start).
  const { mkdir, open, rename, rm, stat } = process.getBuiltinModule("node:fs/promises");
  const { randomBytes } = process.getBuiltinModule("node:crypto");
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = (await stat(file)).mode & 0o777;
    } catch {
      mode = 0o600; // New file.
    }
  }
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", 0o600);
  try {
    try {
      await handle.writeFile(contents, "utf8");
      if (options.owner) {
        const created = await handle.stat();
        if (created.uid !== options.owner.uid || created.gid !== options.owner.gid) await handle.chown(options.owner.uid, options.owner.gid);
      }
      // After chown, which clears set-id bits.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    options.beforeRename?.();
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
