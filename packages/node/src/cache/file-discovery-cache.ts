import { join } from "node:path";
import { isDiscoveryCacheEntry, type DiscoveryCacheEntry, type DiscoveryCacheStore } from "@streambed/core";
import { writeFileAtomic } from "../config/write-file-atomic.js";

const FORMAT_VERSION = 1;

export interface FileDiscoveryCacheOptions {
  /** Folder for the cache files. Default: `<home>/.streambed/cache`. */
  dir?: string;
  home?: string;
}

/** The folder {@link createFileDiscoveryCache} uses by default. */
export function defaultCacheDir(home: string = process.getBuiltinModule("node:os").homedir()): string {
  return join(home, ".streambed", "cache");
}

/** The file holding one cache key: `discovery-<sha256 of the key, 16 hex>.json`. */
export function cacheFileName(key: string): string {
  return `discovery-${process.getBuiltinModule("node:crypto").createHash("sha256").update(key).digest("hex").slice(0, 16)}.json`;
}

/**
 * A discovery cache on disk (one JSON file per key, written atomically), so that CLI runs and
 * short-lived processes share the list. Unreadable, corrupt or foreign files read as a miss and
 * are replaced on the next write.
 */
export function createFileDiscoveryCache(options: FileDiscoveryCacheOptions = {}): DiscoveryCacheStore {
  // The folder is worked out on first use: node:os, node:fs/promises and node:crypto are taken then
  // (not imported), so a client that never discovers models never loads them for the cache (cold start).
  let folder = options.dir;
  const dir = () => (folder ??= defaultCacheDir(options.home));
  return {
    async get(key: string): Promise<DiscoveryCacheEntry | undefined> {
      let text: string;
      try {
        text = await process.getBuiltinModule("node:fs/promises").readFile(join(dir(), cacheFileName(key)), "utf8");
      } catch {
        return undefined;
      }
      try {
        const data = JSON.parse(text) as { version?: unknown; key?: unknown; entry?: unknown };
        if (data?.version !== FORMAT_VERSION || data.key !== key || !isDiscoveryCacheEntry(data.entry)) return undefined;
        return data.entry;
      } catch {
        return undefined;
      }
    },
    async set(key: string, entry: DiscoveryCacheEntry): Promise<void> {
      await writeFileAtomic(join(dir(), cacheFileName(key)), `${JSON.stringify({ version: FORMAT_VERSION, key, entry })}\n`);
    },
  };
}
