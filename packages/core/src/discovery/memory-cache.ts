import type { DiscoveryCacheEntry, DiscoveryCacheStore } from "./discovery-types.js";

/** A discovery cache that lives as long as the process (the default on edge runtimes). */
export function createMemoryDiscoveryCache(): DiscoveryCacheStore {
  const entries = new Map<string, DiscoveryCacheEntry>();
  return {
    async get(key) {
      return entries.get(key);
    },
    async set(key, entry) {
      entries.set(key, entry);
    },
  };
}
