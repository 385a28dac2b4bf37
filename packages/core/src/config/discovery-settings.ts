import type { StreambedConfig } from "./config-schema.js";

/** Discovery defaults (OpenClaw's). */
export const DISCOVERY_DEFAULTS = {
  refreshInterval: 3600,
  defaultContextWindow: 32000,
  defaultMaxTokens: 4096,
} as const;

/** `models.bedrockDiscovery` with the defaults applied. */
export interface ResolvedDiscoverySettings {
  /** As configured; `undefined` = automatic (on when credentials are present). */
  enabled: boolean | undefined;
  /** As configured; `undefined` = the client's region. */
  region: string | undefined;
  /** Lower-cased, trimmed, deduplicated, sorted; empty = every provider. */
  providerFilter: string[];
  /** Seconds; 0 = no cache. */
  refreshInterval: number;
  defaultContextWindow: number;
  defaultMaxTokens: number;
  includeLegacy: boolean;
}

/** Normalises a provider filter (string or list) to a sorted, lower-cased, deduplicated list. */
export function normalizeProviderFilter(filter: string | readonly string[] | undefined): string[] {
  const list = typeof filter === "string" ? filter.split(",") : (filter ?? []);
  return [...new Set(list.map((s) => s.trim().toLowerCase()).filter((s) => s !== ""))].sort();
}

/** Reads `models.bedrockDiscovery` from a (validated) config and applies the defaults. */
export function discoverySettings(config: StreambedConfig | undefined): ResolvedDiscoverySettings {
  const d = config?.models?.bedrockDiscovery ?? {};
  return {
    enabled: d.enabled,
    region: d.region,
    providerFilter: normalizeProviderFilter(d.providerFilter),
    refreshInterval: Math.max(0, d.refreshInterval ?? DISCOVERY_DEFAULTS.refreshInterval),
    defaultContextWindow: d.defaultContextWindow ?? DISCOVERY_DEFAULTS.defaultContextWindow,
    defaultMaxTokens: d.defaultMaxTokens ?? DISCOVERY_DEFAULTS.defaultMaxTokens,
    includeLegacy: d.includeLegacy ?? false,
  };
}
