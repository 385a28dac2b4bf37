import { basename, dirname, join, resolve } from "node:path";

/** Symlinks followed at most (Linux's own limit). */
const MAX_LINKS = 40;

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The file a write to `file` must replace: `file` with every symlink resolved (its own and its
 * folders'), so that a linked config is written through to its target and the link stays a link.
 * A dangling link resolves to the missing target (a write creates it); a path that does not
 * exist yet resolves to itself in its real folder.
 */
export async function configWriteTarget(file: string): Promise<string> {
  const { readlink, realpath } = process.getBuiltinModule("node:fs/promises");
  let path = resolve(file);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    try {
      return await realpath(path);
    } catch (error) {
      if (codeOf(error) !== "ENOENT") throw error;
    }
    let link: string;
    try {
      link = await readlink(path);
    } catch (error) {
      // Not a link (EINVAL) or not there (ENOENT): a file still to be created.
      if (codeOf(error) !== "EINVAL" && codeOf(error) !== "ENOENT") throw error;
      let dir = dirname(path);
      try {
        dir = await realpath(dir);
      } catch {
        // The folder does not exist yet either: it is created as named.
      }
      return join(dir, basename(path));
    }
    path = resolve(dirname(path), link);
  }
  throw Object.assign(new Error(`Too many levels of symbolic links resolving ${file}.`), { code: "ELOOP", path: file });
}
