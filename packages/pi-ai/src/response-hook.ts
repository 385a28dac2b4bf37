import { AsyncLocalStorage } from "node:async_hooks";
import type { ProviderResponse } from "@mariozechner/pi-ai";
import type { Transport } from "streambed";

/** The call a transport request belongs to: its `onResponse`, and where a failure of it goes. */
export interface ResponseHookScope {
  onResponse: (response: ProviderResponse) => void | Promise<void>;
  /** Called when `onResponse` throws: the call ends with that error. */
  fail: (error: unknown) => void;
}

const scopes = new AsyncLocalStorage<ResponseHookScope>();

/** Run `fn` (a call's read loop) so that its ConverseStream responses reach `scope.onResponse`. */
export function withResponseHook<T>(scope: ResponseHookScope | undefined, fn: () => T): T {
  return scope === undefined ? fn() : scopes.run(scope, fn);
}

/**
 * `transport` with pi-ai's `onResponse`: after a successful (2xx) ConverseStream response arrives
 * and before its body is read, the hook of the call that sent it (found through the async context,
 * so concurrent calls on one client each see their own) gets `{ status, headers }`. A hook that
 * throws ends its call with that error, as in pi-ai. `owned`: closing the result closes `transport`.
 */
export function hookedTransport(transport: Transport, owned: boolean): Transport {
  const hooked: Transport = {
    async send(request) {
      const response = await transport.send(request);
      const scope = scopes.getStore();
      if (scope !== undefined && response.status >= 200 && response.status < 300 && request.url.endsWith("/converse-stream")) {
        try {
          await scope.onResponse({ status: response.status, headers: { ...response.headers } });
        } catch (error) {
          scope.fail(error);
        }
      }
      return response;
    },
  };
  if (owned && transport.close) hooked.close = () => transport.close!();
  return hooked;
}
