/**
 * What a chaos fault is (docs/faults.md, "Chaos"): the plan one iteration's fault sets up, what its
 * setup gets, and the helpers every catalogue shares (random picks, retry bounds, the model, an
 * accepted way to authenticate, an environment with no credential source, an emulator fault).
 */
import type { Model } from "@streambed/core";
import type { BedrockOptions } from "../../src/create-bedrock.js";
import { FAULT_HEADER, MODEL_ID } from "../faults/harness.js";
import type { ChaosSecrets } from "./secrets.js";
import type { ChaosServer } from "./servers.js";

export type Api = "stream" | "complete";

/** What one iteration's fault needs, set up. */
export interface CallPlan {
  /** The runtime (and control plane) endpoint. */
  endpoint: string;
  model: Model;
  /** Client options the fault needs (credentials, env, timeouts, maxResponseBytes …). */
  options: Partial<BedrockOptions>;
  /** Allowed outcomes of `stream()`: `done` or error class names. */
  expect: readonly string[];
  /** Allowed outcomes of `complete()` (`complete` for success); default: `expect` with `done` → `complete`. */
  expectComplete?: readonly string[];
  /** How long the call may take when no totalMs is set (before the run's slack). */
  boundMs: number;
  /** A source only a deadline or an abort ends (a silent STS, a sleeping credential_process): the run always gives it one. */
  needsDeadline?: boolean;
  /** Servers to check (nothing in flight after the call) and close. */
  servers: ChaosServer[];
  /** Processes the fault started (each must be gone after the call). */
  pids?: () => Promise<number[]>;
}

/** What a fault's setup gets. */
export interface FaultContext {
  random: () => number;
  emulatorUrl: string;
  secrets: ChaosSecrets;
  /** An empty folder for this iteration (HOME for credential files). */
  dir: string;
  /** A unique id for this iteration (emulator script keys). */
  id: string;
  /** The iteration's retry policy, for bounds. */
  retry: { maxAttempts: number; maxDelayMs: number };
  /** A loopback URL where nothing listens. */
  deadUrl: string;
  transport: "undici" | "fetch";
}

export interface CallFault {
  name: string;
  category: "http" | "wire" | "credentials";
  /** Which calls make sense (default both). */
  apis?: readonly Api[];
  setup(ctx: FaultContext): Promise<CallPlan>;
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const between = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/** Per attempt and retry waits: the longest a retried call can take when each attempt takes `perAttemptMs`. */
export const retried = (ctx: FaultContext, perAttemptMs: number) => ctx.retry.maxAttempts * perAttemptMs + (ctx.retry.maxAttempts - 1) * ctx.retry.maxDelayMs;

/** A model carrying `headers` on every call (the emulator reads faults from them). */
export function chaosModel(headers: Record<string, string> = {}): Model {
  return {
    id: MODEL_ID,
    name: MODEL_ID,
    reasoning: false,
    input: ["text"],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: 128_000,
    maxTokens: 4096,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/** A random way to authenticate that the emulator accepts: SigV4 keys (with session token), a bearer token, the config's API key. */
export function acceptedAuth(ctx: FaultContext): Partial<BedrockOptions> {
  const s = ctx.secrets;
  switch (pick(ctx.random, ["sigv4", "bearer", "config", "env", "env-bearer"] as const)) {
    case "sigv4":
      return { credentials: s.keys.static };
    case "bearer":
      return { credentials: { bearerToken: s.bearerToken } };
    case "config":
      return { credentials: undefined, config: { models: { providers: { "amazon-bedrock": { auth: "api-key", apiKey: s.configApiKey } } } } };
    case "env":
      return {
        credentials: undefined,
        env: { ...noSources(ctx), AWS_ACCESS_KEY_ID: s.keys.static.accessKeyId, AWS_SECRET_ACCESS_KEY: s.keys.static.secretAccessKey, AWS_SESSION_TOKEN: s.keys.static.sessionToken },
      };
    case "env-bearer":
      return { credentials: undefined, env: { ...noSources(ctx), AWS_BEARER_TOKEN_BEDROCK: s.bearerToken } };
  }
}

/** An environment where no credential source is found by accident: an empty HOME, IMDS off, STS nowhere. */
export function noSources(ctx: FaultContext): Record<string, string> {
  return { HOME: ctx.dir, AWS_EC2_METADATA_DISABLED: "true", AWS_ENDPOINT_URL_STS: ctx.deadUrl };
}


export interface EmulatorFault {
  /** The fault header's value (none: a clean call). */
  header?: string;
  /** More model headers (the once-then-OK rows). */
  headers?: Record<string, string>;
  expect: string[];
  expectComplete?: string[];
  options?: Partial<BedrockOptions>;
  /** `options` bring their own credentials (no random accepted auth added). */
  ownAuth?: boolean;
  boundMs?: number;
}

export function emulatorFault(name: string, category: CallFault["category"], fault: (ctx: FaultContext) => EmulatorFault): CallFault {
  return {
    name,
    category,
    async setup(ctx) {
      const f = fault(ctx);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel({ ...(f.header ? { [FAULT_HEADER]: f.header } : {}), ...f.headers }),
        options: f.ownAuth ? { ...f.options } : { ...acceptedAuth(ctx), ...f.options },
        expect: f.expect,
        ...(f.expectComplete ? { expectComplete: f.expectComplete } : {}),
        boundMs: f.boundMs ?? retried(ctx, 2_000),
        servers: [],
      };
    },
  };
}
