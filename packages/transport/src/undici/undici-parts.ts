/// <reference path="./undici-lib.d.ts" />
/**
 * The parts of undici the transport uses, loaded from their own files: `Agent` and the
 * `request()` API (≈ 25 ms to import in a fresh process, against ≈ 90 ms for undici's index).
 * With a proxy variable set, undici's index is loaded after all (`EnvHttpProxyAgent` tunnels
 * through the `connect()` API that the index installs on `Dispatcher.prototype`).
 */
import { createRequire } from "node:module";
import type { Dispatcher, EnvHttpProxyAgent } from "undici";
import type AgentClass from "undici/lib/dispatcher/agent.js";
import type apiRequestFn from "undici/lib/api/api-request.js";

// Loaded with require(), not `import`: undici is CommonJS, and importing a CommonJS file from ESM
// first runs Node's cjs-module-lexer over it (≈ 5 ms of every cold start for these two files).
// And loaded when the first transport is created, not when this module is imported: an app that
// passes its own transport (node:http, fetch) never loads undici.
const load = createRequire(import.meta.url);
let agentClass: typeof AgentClass | undefined;
let apiRequest: typeof apiRequestFn | undefined;

/** undici's `Agent` class (its file is loaded on the first call). */
export function undiciAgent(): typeof AgentClass {
  return (agentClass ??= load("undici/lib/dispatcher/agent.js") as typeof AgentClass);
}

/** `dispatcher.request(options)` without relying on undici's index having patched `Dispatcher.prototype`. */
export function request(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return (apiRequest ??= load("undici/lib/api/api-request.js") as typeof apiRequestFn).call(dispatcher, options);
}

/** undici's `EnvHttpProxyAgent`, from undici's index (loaded on first use). */
export async function loadEnvHttpProxyAgent(): Promise<typeof EnvHttpProxyAgent> {
  return (await import("undici")).EnvHttpProxyAgent;
}
