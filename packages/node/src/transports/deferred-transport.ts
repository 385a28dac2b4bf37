import type { HttpRequest, HttpResponse, Transport } from "@streambed/transport";

/**
 * A transport whose module is loaded on its first `send()` (or `close()`), not when `@streambed/node`
 * is imported: each transport module the package root imports statically is one more file every
 * process resolves, reads and compiles before its first event (≈ 10 M instructions each in Node 20,
 * callgrind), though only undici is the default. `make` loads the module and creates the transport;
 * it runs once, and its outcome (the transport, or the failure) is shared by every call after.
 * `closable`: whether the transport made has a `close()`, so the wrapper has one exactly when it does.
 */
export function deferredTransport(make: () => Promise<Transport>, closable: boolean): Transport {
  let made: Transport | undefined;
  let making: Promise<Transport> | undefined;
  const transport = () =>
    (making ??= make().then((t) => {
      made = t;
      return t;
    }));
  const send = (request: HttpRequest): Promise<HttpResponse> => (made ? made.send(request) : transport().then((t) => t.send(request)));
  if (!closable) return { send };
  return {
    send,
    async close(): Promise<void> {
      await (await transport()).close?.();
    },
  };
}
