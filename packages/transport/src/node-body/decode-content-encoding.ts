import { pipeline, type Readable, type Transform } from "node:stream";
import type * as Zlib from "node:zlib";
import { NetworkError } from "../errors/transport-errors.js";

/**
 * node:zlib, taken when a compressed body first arrives (Bedrock does not compress event streams,
 * so most processes never load it: one built-in less before the first event).
 */
const zlib = (): typeof Zlib => process.getBuiltinModule("node:zlib");

/**
 * Flush on every chunk (what fetch does): a streamed frame leaves the decompressor as soon as its
 * bytes arrive instead of waiting for more input, and a body cut short yields what it decoded (the
 * event-stream decoder then reports the cut as `truncated`) instead of a zlib error.
 */
const zlibFlush = (): Zlib.ZlibOptions => ({ flush: zlib().constants.Z_SYNC_FLUSH, finishFlush: zlib().constants.Z_SYNC_FLUSH });
const brotliFlush = (): Zlib.BrotliOptions => ({ flush: zlib().constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib().constants.BROTLI_OPERATION_FLUSH });

/** The codings WHATWG fetch (Node's, browsers', workerd's) decodes itself. */
const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib().createGunzip(zlibFlush()),
  "x-gzip": () => zlib().createGunzip(zlibFlush()),
  deflate: () => zlib().createInflate(zlibFlush()),
  br: () => zlib().createBrotliDecompress(brotliFlush()),
};

/** No body to decode (RFC 9110): HEAD, 204, 304. */
const NO_BODY_STATUSES = new Set([204, 304]);

/**
 * The decompressors for a response's `content-encoding`, in the order they apply (the last coding
 * listed is undone first), or `undefined` when the body passes as is: no coding, `identity`, a body
 * that cannot have content, or a coding fetch would not decode either (then no coding is undone, as
 * fetch does, and the bytes reach the decoder as sent).
 */
export function contentDecoders(contentEncoding: string | undefined, method: string, status: number): Array<() => Transform> | undefined {
  if (!contentEncoding || method === "HEAD" || NO_BODY_STATUSES.has(status)) return undefined;
  const codings = contentEncoding
    .toLowerCase()
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "" && c !== "identity");
  if (codings.length === 0 || codings.length > 4) return undefined;
  const decoders: Array<() => Transform> = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = DECODERS[codings[i]!];
    if (decoder === undefined) return undefined;
    decoders.push(decoder);
  }
  return decoders;
}

/** A zlib/brotli failure (corrupt compressed data), as opposed to the body's own failure. */
function isDecompressionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("Z_") || code.startsWith("ERR__ERROR") || code.startsWith("ERR_BROTLI"));
}

/**
 * `body` decompressed, streaming: each chunk is decoded as it arrives. Errors of the body go through
 * `mapError`; corrupt compressed data is a retryable `NetworkError` (something on the way, usually a
 * proxy, broke it). `return()` destroys the body and the decompressors, which closes the connection.
 */
export function decodedBody(
  body: Readable,
  decoders: Array<() => Transform>,
  contentEncoding: string,
  origin: string,
  mapError: (error: unknown) => Error,
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const stages = decoders.map((create) => create());
      const last = stages[stages.length - 1]!;
      // The pipeline's own callback only keeps a failure from being unhandled: the same error is
      // thrown to the reader by the last stage, which the pipeline destroys with it.
      pipeline([body, ...stages], () => undefined);
      const source = last[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      return {
        async next() {
          try {
            return await source.next();
          } catch (error) {
            if (!isDecompressionError(error)) throw mapError(error);
            const what = error instanceof Error ? `${(error as Error & { code: string }).code}: ${error.message}` : String(error);
            throw new NetworkError(
              `The response from ${origin} says content-encoding "${contentEncoding}" but its body does not decode (${what}). Something between you and Bedrock (a proxy) is corrupting it; retry, and check the proxy if it persists.`,
              { cause: error },
            );
          }
        },
        async return() {
          body.destroy();
          for (const stage of stages) stage.destroy();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
