import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { checkDiscoveryCacheEntry, readLearnedFacts, type DiscoveryCacheEntry, type LearnedModelFacts } from "@streambed/core";

/** One discovery cache file, as `doctor` reports it. */
export interface CacheFileInfo {
  file: string;
  /** From the cache key; undefined when the file is foreign or corrupt. */
  region?: string;
  endpoint?: string;
  fetchedAt?: number;
  models?: number;
  /**
   * Why the entry fails the model schema (`models[3].input: expected …, got "text"`): the client
   * drops such an entry and fetches the list again. Also set for a file that is not JSON.
   */
  problem?: string;
  /** Set for the file holding what the client learned from Bedrock's errors (for `endpoint`): facts by model id. */
  learned?: Record<string, LearnedModelFacts>;
}

/**
 * Reads the discovery cache folder (`discovery-*.json`, written by the file cache of
 * `streambed`): which region/endpoint each file holds and when it was fetched. A missing folder
 * is an empty list; unreadable files are listed without details. Each entry is checked as the
 * client checks it (`problem`).
 */
export async function readCacheFiles(dir: string): Promise<CacheFileInfo[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^discovery-[0-9a-f]+\.json$/.test(n)).sort();
  } catch {
    return [];
  }
  const out: CacheFileInfo[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const info: CacheFileInfo = { file };
    try {
      const data = JSON.parse(await readFile(file, "utf8")) as { key?: unknown; entry?: { fetchedAt?: unknown; models?: unknown } };
      const key = typeof data.key === "string" ? (JSON.parse(data.key) as { region?: unknown; endpoint?: unknown; learned?: unknown }) : {};
      if (key.learned === "model-facts") info.learned = readLearnedFacts(data.entry as DiscoveryCacheEntry);
      if (typeof key.region === "string") info.region = key.region;
      if (typeof key.endpoint === "string") info.endpoint = key.endpoint;
      if (typeof data.entry?.fetchedAt === "number") info.fetchedAt = data.entry.fetchedAt;
      if (Array.isArray(data.entry?.models)) info.models = data.entry.models.length;
      const check = checkDiscoveryCacheEntry(data.entry);
      if (!check.ok) info.problem = check.problem;
    } catch {
      // Corrupt or foreign: listed, no details (the client treats it as a miss).
      info.problem = "not a JSON cache file";
    }
    out.push(info);
  }
  return out;
}
