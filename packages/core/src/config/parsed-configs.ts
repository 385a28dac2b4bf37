import type { StreambedConfig } from "./config-schema.js";

/** Every config object {@link parseConfig} returned (weakly held). */
const parsed = new WeakSet<object>();

/** Records `config` as checked by `parseConfig` (called by it on its result). */
export function markParsedConfig(config: StreambedConfig): StreambedConfig {
  parsed.add(config);
  return config;
}

/**
 * Whether `value` is a config object `parseConfig()` returned (not a copy of one). Lets a client take
 * a config without bundling the parser: the edge `createBedrock({ config })` accepts only these.
 */
export function isParsedConfig(value: unknown): value is StreambedConfig {
  return typeof value === "object" && value !== null && parsed.has(value);
}
