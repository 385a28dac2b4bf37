import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseConfig } from "@streambed/core";
import { json5 } from "./json5.js";

/** Pretty JSON5: two-space indent, unquoted identifier keys, trailing newline. */
export function formatConfig(raw: unknown): string {
  return `${json5().stringify(raw, { space: 2, quote: "\"" })}\n`;
}

/**
 * Writes `contents` to `file` atomically: a temp file in the same folder, flushed, then renamed
 * over the target, so readers see the old file or the new one, never half of one. The folder is
 * created (0700) when missing; a new file gets mode 0600 (it may hold an API key), an existing
 * file keeps its mode.
 */
export async function writeFileAtomic(file: string, contents: string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let mode = 0o600;
  try {
    mode = (await stat(file)).mode & 0o777;
  } catch {
    // New file.
  }
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(contents, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Validates `raw` and writes it to `file` as readable JSON5. Invalid content → ConfigError and
 * the file is left as it was. Keys streambed does not know are written back unchanged; comments
 * in the old file are not kept (JSON5 has no comment-preserving writer).
 */
export async function writeConfigFile(file: string, raw: unknown): Promise<void> {
  parseConfig(raw, { file });
  await writeFileAtomic(file, formatConfig(raw));
}
