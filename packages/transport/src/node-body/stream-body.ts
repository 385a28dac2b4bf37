/** A Node response body: undici's `BodyReadable` or node:http's `IncomingMessage`. */
export interface DestroyableBody {
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
  destroy(): unknown;
}

/**
 * The response body as an async iterable that streams chunks as they arrive. Errors are mapped to
 * streambed errors; `return()` (the consumer breaking out) destroys the body, which closes an
 * unfinished response's socket (and frees its pool slot).
 */
export function streamBody(body: DestroyableBody, mapError: (error: unknown) => Error): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const source = body[Symbol.asyncIterator]();
      return {
        async next() {
          try {
            return await source.next();
          } catch (error) {
            throw mapError(error);
          }
        },
        async return() {
          body.destroy();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
