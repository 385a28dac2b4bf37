import { ResponseTooLargeError } from "./errors/transport-errors.js";

/**
 * The HTTP seam every streambed runtime plugs into. A transport sends one request whose body is
 * already fully built and signed, and hands back the response body as a stream of byte chunks, so
 * the event-stream decoder can start on the first frame while the server is still writing.
 */

/** One outgoing HTTP request. `body` is the exact byte sequence that was signed. */
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  /** Absolute URL, path already percent-encoded exactly as it will travel on the wire. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Aborts the request and frees the connection, at any point (before headers or mid-body). */
  signal?: AbortSignal;
  /**
   * The same abort as {@link signal}, watched without an `AbortSignal`. When it is set and `signal`
   * is absent or an accessor (the client's), streambed's undici and node:http transports listen
   * here and never read `signal`; a plain `signal` value (a wrapper's copy of the request, or its
   * own signal) is watched instead, so a wrapper that replaces the signal is obeyed. Any other
   * transport (fetch, your own) ignores it and reads `signal`, which is always set with it. The
   * client sets both, making its `AbortSignal` only when `signal` is read: in Node 20 each
   * `AbortSignal` costs ≈ 8 µs (every one gets its own hidden class), one per request attempt.
   */
  abort?: AbortWatch;
}

/**
 * What streambed's own transports use of an `AbortSignal` (an `AbortSignal` is one): whether and
 * why the request was aborted, and an `abort` listener. `addEventListener` is only called while
 * `aborted` is false, and the listener is called at most once, synchronously, when it aborts.
 */
export interface AbortWatch {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** A response whose body has not been read yet. */
export interface HttpResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body as it arrives. Iterate it once; breaking out of the loop releases the connection. */
  body: AsyncIterable<Uint8Array>;
}

/** Anything that can send an {@link HttpRequest}: undici in Node, `fetch` on the edge, or your own. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Release pooled connections. Optional: transports without pools need not implement it. */
  close?(): Promise<void>;
}

/** The default limit of {@link readBody}: 64 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Read a whole response body into one byte array (for small JSON replies, never for streams). A body
 * longer than `limit` bytes throws a {@link ResponseTooLargeError} as soon as the limit is passed
 * (the body is returned, which closes the connection); `howToRaise` ends its message, naming the
 * setting that controls the limit.
 */
export async function readBody(
  body: AsyncIterable<Uint8Array>,
  limit = DEFAULT_MAX_BODY_BYTES,
  howToRaise = "Raise the limit passed to readBody() if a body this large is expected.",
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      throw new ResponseTooLargeError(limit, `The response body is larger than ${describeBytes(limit)}; reading stopped there and the connection was closed. ${howToRaise}`);
    }
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** `67108864 bytes (64 MiB)`. */
function describeBytes(n: number): string {
  const mib = n / (1024 * 1024);
  return mib >= 1 ? `${n} bytes (${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB)` : `${n} bytes`;
}
