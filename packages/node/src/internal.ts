/**
 * `@streambed/node/internal`: the node-owned building blocks streambed's own packages use (the CLI's
 * config commands, doctor and cache listing): JSON5 parsing and secret masking, atomic and locked
 * config writes, cache file names, the zlib CRC-32 and node:crypto SHA-256 that `createBedrock`
 * injects into core. NOT part of the public API: not covered by semver, may change in any release.
 * Applications use `streambed` (or `@streambed/node`).
 */
export * from "./config/index.js";
export * from "./cache/index.js";
export { nodeCrc32 } from "./node-crc32.js";
export { NodeSha256 } from "./node-sha256.js";
