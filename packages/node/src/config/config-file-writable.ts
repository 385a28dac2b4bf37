import { ConfigFileNotWritableError } from "@streambed/core";

/** What decides whether the config file may be replaced: its mode bits and owner. */
export interface FileOwnership {
  mode: number;
  uid: number;
  gid: number;
}

/** The writing process: its user id and every group id it has (effective and supplementary). */
export interface WriterIds {
  uid: number;
  gids: readonly number[];
}

/** The writer's ids; `undefined` where the platform has none (Windows). */
export function currentWriterIds(): WriterIds | undefined {
  if (typeof process.getuid !== "function" || typeof process.getegid !== "function") return undefined;
  const groups = typeof process.getgroups === "function" ? process.getgroups() : [];
  return { uid: process.geteuid?.() ?? process.getuid(), gids: [process.getegid(), ...groups] };
}

/** `0444 (r--r--r--)`. */
export function formatMode(mode: number): string {
  const bits = mode & 0o777;
  const rwx = [6, 3, 0].map((shift) => ["r", "w", "x"].map((c, i) => ((bits >> (shift + 2 - i)) & 1 ? c : "-")).join("")).join("");
  return `${bits.toString(8).padStart(4, "0")} (${rwx})`;
}

/**
 * Why `writer` may not replace a file with this mode and owner, or `undefined` when it may.
 *
 * Decided from the mode bits, not by trying: the write never opens the old file (a temp file is
 * renamed over it, which needs only the folder to be writable), so no one gets EACCES for a
 * read-only file in their own folder, and root gets it nowhere. So:
 * - root: refused when no one may write the file (no `w` bit at all); its owner and group are kept;
 * - others: refused when the bits of their class (owner, group, other) have no `w`, or when the
 *   file belongs to another user or to a group they are not in (the new file would be theirs).
 * Without user ids (Windows), only the owner's `w` bit (the read-only attribute) counts.
 */
export function whyNotWritable(file: FileOwnership, writer: WriterIds | undefined): string | undefined {
  const mode = file.mode & 0o777;
  if (writer === undefined) return mode & 0o200 ? undefined : "it is read-only";
  if (writer.uid === 0) return mode & 0o222 ? undefined : "it is read-only (no write permission for anyone)";
  const owner = file.uid === writer.uid;
  const inGroup = writer.gids.includes(file.gid);
  const bit = owner ? 0o200 : inGroup ? 0o020 : 0o002;
  if ((mode & bit) === 0) return `it is read-only for you (${owner ? "owner" : inGroup ? "group" : "other"} permissions)`;
  if (!owner) return `it belongs to another user (uid ${file.uid}): replacing it would make you its owner`;
  if (!inGroup) return `its group (gid ${file.gid}) is not one of yours: replacing it would change its group`;
  return undefined;
}

/**
 * Throws {@link ConfigFileNotWritableError} when the config file `target` may not be replaced
 * (see {@link whyNotWritable}). `shown` is the path the caller named (a symlink to `target`).
 */
export function assertConfigFileWritable(target: string, file: FileOwnership, shown: string = target, writer: WriterIds | undefined = currentWriterIds()): void {
  const why = whyNotWritable(file, writer);
  if (why === undefined) return;
  const where = shown === target ? target : `${target} (the target of ${shown})`;
  const fix =
    why.startsWith("it is read-only")
      ? `If you mean to change it, make it writable first (chmod u+w ${target}); or set STREAMBED_CONFIG to another file.`
      : `Run the command as the file's owner, or set STREAMBED_CONFIG to a file of your own.`;
  throw new ConfigFileNotWritableError(
    `Not writing the config file ${where}: ${why} (mode ${formatMode(file.mode)}, owner uid ${file.uid}, gid ${file.gid}). Nothing was written. ${fix}`,
    { file: target, mode: file.mode & 0o777 },
  );
}
