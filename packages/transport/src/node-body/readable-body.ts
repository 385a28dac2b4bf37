/** The parts of a Node `Readable` response body (undici's `BodyReadable`, node:http's `IncomingMessage`) the reader uses. */
export interface ReadableBody {
  destroy(): unknown;
  read(): Uint8Array | null;
  on(event: "readable" | "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: unknown) => void): unknown;
  readonly destroyed: boolean;
  readonly readableEnded: boolean;
  readonly errored: unknown;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** What Node's stream iterator throws for a body closed before its end without an error of its own. */
function prematureClose(): Error {
  return Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" });
}

/**
 * A Node response body (undici's `BodyReadable`, node:http's `IncomingMessage`) as an async
 * iterable of its chunks, as they arrive: what Node's `Readable` async iterator gives (with each
 * failure mapped through `mapError`), without that
 * iterator (an async generator plus `stream.finished` bookkeeping: ≈ 15–20 µs to set up when the
 * first chunk is asked for, right on the way to the first event). Same reading: `read()` until it
 * returns null, then wait for `readable`; `end` ends it; an `error` (or a close before the end)
 * is thrown through `mapError` (as Node's iterator sees it: the stream's own error, else a close
 * before the end is a premature close). Listeners stay attached, so an error emitted after the
 * reader is gone (undici reports a destroyed unfinished body as `RequestAbortedError`) is never
 * unhandled.
 * `return()` (the consumer breaking out) destroys the body, which closes an unfinished response's
 * socket; a finished or failed body is destroyed too, as Node's iterator does.
 */
export function readableBody(body: ReadableBody, mapError: (error: unknown) => Error): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      /** undefined: still running; null: ended; anything else: what failed it. */
      let outcome: unknown = body.errored ?? (body.readableEnded ? null : body.destroyed ? prematureClose() : undefined);
      let wake: (() => void) | undefined;
      const notify = (): void => {
        const w = wake;
        wake = undefined;
        w?.();
      };
      body.on("readable", notify);
      body.on("end", () => {
        if (outcome === undefined) outcome = null;
        notify();
      });
      body.on("error", (error) => {
        if (outcome === undefined) outcome = error;
        notify();
      });
      body.on("close", () => {
        if (outcome === undefined) outcome = body.errored ?? (body.readableEnded ? null : prematureClose());
        notify();
      });
      const finish = (): void => {
        if (!body.destroyed) body.destroy();
      };
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          for (;;) {
            const chunk = body.destroyed ? null : body.read();
            if (chunk !== null) return { done: false, value: chunk };
            if (outcome === null) {
              finish();
              return DONE;
            }
            if (outcome !== undefined) {
              finish();
              throw mapError(outcome);
            }
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          body.destroy();
          return DONE;
        },
      };
    },
  };
}
