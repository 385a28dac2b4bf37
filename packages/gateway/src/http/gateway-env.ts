import type { BedrockClient } from "@streambed/core";
import type { RemoteImageOptions } from "../chat/image-source.js";
import type { GatewayKey } from "../keys/gateway-key.js";
import type { RateLimiter } from "../limits/rate-limiter.js";
import type { CallSinks, CallTracker } from "./call-tracker.js";
import type { LiveCalls } from "./live-calls.js";

/** What every route of one gateway shares. */
export interface GatewayDeps {
  bedrock: Pick<BedrockClient, "stream" | "complete" | "models">;
  keys: () => readonly GatewayKey[];
  limiter: RateLimiter;
  sinks: CallSinks;
  live: LiveCalls;
  remoteImages: RemoteImageOptions | undefined;
}

/** Hono's per-request variables: the authenticated key and the call's record. */
export interface GatewayEnv {
  Variables: { key: GatewayKey; call: CallTracker };
}
