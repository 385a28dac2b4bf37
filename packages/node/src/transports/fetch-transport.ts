import type { Transport } from "@streambed/transport";
import type { FetchTransportOptions } from "@streambed/transport/fetch";
import { deferredTransport } from "./deferred-transport.js";

/**
 * A transport on `fetch` (the global one, or `options.fetch`): what `@streambed/transport/fetch`'s
 * `createFetchTransport` makes, loaded on the first request (see {@link deferredTransport}).
 * Statuses are returned, not thrown; failures become `NetworkError` or `AbortError`.
 */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  return deferredTransport(async () => (await import("@streambed/transport/fetch")).createFetchTransport(options), false);
}
