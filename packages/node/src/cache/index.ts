export { createFileDiscoveryCache, defaultCacheDir, cacheFileName, type FileDiscoveryCacheOptions } from "./file-discovery-cache.js";
