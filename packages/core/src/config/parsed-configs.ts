import type { ConfigReader } from "./config-reader-type.js";
import type { StreambedConfig } from "./config-schema.js";

/** Every config object {@link parseConfig} returned (weakly held), with the code that reads it. */
const parsed = new WeakMap<object, ConfigReader>();

/** Records `config` as checked by `parseConfig`, read by `reader` (called by it on its result). */
export function markParsedConfig(config: StreambedConfig, reader: ConfigReader): StreambedConfig {
  parsed.set(config, reader);
  return config;
}

/**
 * Whether `value` is a config object `parseConfig()` returned (not a copy of one). Lets a client take
 * a config without bundling the parser: the edge `createBedrock({ config })` accepts only these.
 */
export function isParsedConfig(value: unknown): value is StreambedConfig {
  return typeof value === "object" && value !== null && parsed.has(value);
}

/**
 * The {@link ConfigReader} a config `parseConfig()` returned carries, else undefined. A client finds
 * the code that reads its config here, so a client without a config (or one given only a config)
 * does not bundle the parser, and one without a config bundles no reader.
 */
export function configReaderOf(config: unknown): ConfigReader | undefined {
  return typeof config === "object" && config !== null ? parsed.get(config) : undefined;
}
