import type { DiscoveryResult } from "../discovery/discovery-types.js";
import { ConfigError } from "../errors/client-errors.js";
import type { KnownModels } from "../model/known-models.js";
import type { ModelListOptions } from "./bedrock-client.js";
import type { ClientContext } from "./client-context.js";
import type { ClientSettings } from "./client-settings.js";
import type { SignedRequests } from "./signed-requests.js";

/** The parts of a client discovery runs on (internal). */
export interface DiscoveryParts {
  ctx: ClientContext;
  target: ClientSettings;
  requests: SignedRequests;
}

/** Lists the foundation models and inference profiles the client's account can call. */
export type DiscoverModels = (options: Pick<ModelListOptions, "includeLegacy" | "refresh" | "signal">) => Promise<DiscoveryResult>;

/**
 * Model discovery (`ListFoundationModels` + `ListInferenceProfiles`, cached), as a part a client is
 * given: `createBedrock({ discovery: modelDiscovery() })` on the edge; the Node client always has it.
 * A client without it lists only its configured models (`discovery.source: "disabled"`), and a
 * bundler leaves the discovery code (≈ 17 KB minified) and its schema checks out of an edge bundle.
 * Opaque: made only by {@link modelDiscovery}.
 */
export interface ModelDiscovery {
  readonly kind: "model-discovery";
}

/** What `modelDiscovery()` (discover-models.ts) really returns. */
export interface OpenableDiscovery extends ModelDiscovery {
  open(parts: DiscoveryParts): DiscoverModels;
  /** The known-model table discovery fills its listing from; the client uses it too when not given one. */
  knownModels?: KnownModels;
}

/** Sets `discovery` up for one client; a value {@link modelDiscovery} did not make is a `ConfigError`. */
export function openModelDiscovery(discovery: ModelDiscovery | undefined, parts: DiscoveryParts): DiscoverModels | undefined {
  if (discovery === undefined) return undefined;
  const open = (discovery as Partial<OpenableDiscovery>).open;
  if (typeof open !== "function") {
    throw new ConfigError(`discovery must be what modelDiscovery() returns, got ${discovery === null ? "null" : Array.isArray(discovery) ? "an array" : typeof discovery === "object" ? "another object" : typeof discovery}.`, { path: "discovery" });
  }
  return open(parts);
}

