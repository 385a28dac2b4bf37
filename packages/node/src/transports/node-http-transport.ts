import type { Transport } from "@streambed/transport";
import type { NodeHttpTransportOptions } from "@streambed/transport/node-http";
import { proxySettingsFromEnv } from "@streambed/transport/undici";
import { deferredTransport } from "./deferred-transport.js";

/**
 * A Node transport on `node:http` / `node:https`: what `@streambed/transport/node-http`'s
 * `createNodeHttpTransport` makes (keep-alive pool, streaming bodies, no proxy support), loaded on
 * the first request (see {@link deferredTransport}). As there, a proxy variable in `options.env`
 * (default `process.env`) without `options.agents` is refused here, synchronously, with a `TypeError`.
 * Choose it with `createBedrock({ transport: createNodeHttpTransport() })` where cold start counts.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport {
  if (options.agents === undefined && proxySettingsFromEnv(options.env ?? process.env) !== undefined) {
    throw new TypeError(
      "createNodeHttpTransport: HTTPS_PROXY / HTTP_PROXY is set, but node:http does not go through proxies. Use the default undici transport, which honours them, or pass env without the proxy variables to go direct.",
    );
  }
  // Checked above, against the environment as it is now: the transport made later must not look again.
  const checked: NodeHttpTransportOptions = { ...options, env: {} };
  return deferredTransport(async () => (await import("@streambed/transport/node-http")).createNodeHttpTransport(checked), true);
}
