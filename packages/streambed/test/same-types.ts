/**
 * Compile-time check (run by `tsc --noEmit` in `pnpm test`): the edge and Node builds of `streambed`
 * give `createBedrock` the same client type and accept the same common options, so code written
 * against one type-checks against the other. Node-only options (profile, config paths, disk cache)
 * exist only in the Node build's types; edge-only `sha256` and `discovery` (always on in Node) only in the edge build's.
 */
import type * as Edge from "../dist/edge.js";
import type * as Node from "../dist/index.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type NodeOnly = "profile" | "config" | "discoveryCache" | "env";
type EdgeOnly = "config" | "discovery" | "discoveryCache" | "env" | "sha256";

export const sameClient: Same<ReturnType<typeof Edge.createBedrock>, ReturnType<typeof Node.createBedrock>> = true;
export const sameCommonOptions: Same<Omit<Edge.BedrockOptions, EdgeOnly>, Omit<Node.BedrockOptions, NodeOnly>> = true;
export const sameEvents: Same<Edge.StreamEvent, Node.StreamEvent> = true;
export const sameErrors: Same<typeof Edge.BedrockError, typeof Node.BedrockError> = true;

/** A config object (on the edge: one `parseConfig()` returned), `false`, the memory cache and a plain env type-check with either build. */
export const portable: Node.BedrockOptions & Edge.BedrockOptions = {
  region: "us-east-1",
  config: { models: {} },
  discoveryCache: "memory",
  env: { AWS_REGION: "us-east-1" },
};
