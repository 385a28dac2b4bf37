import { BedrockError } from "../errors/bedrock-error.js";
import type { HttpRequest, HttpResponse, Transport } from "../transport.js";
import { mapFetchError } from "./map-fetch-error.js";

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** The `fetch` to call. Default: `globalThis.fetch`, looked up on every request (so test interceptors installed later apply). */
  fetch?: typeof fetch;
}

/** Headers the runtime derives from the URL and body itself; browsers forbid setting them. */
const RUNTIME_HEADERS = new Set(["host", "content-length", "connection"]);

/**
 * The request headers as a `Headers`, one by one so that a value fetch refuses is reported by name
 * only: runtimes put the offending value (possibly a token) into their own error message.
 */
function requestHeaders(headers: Record<string, string>): Headers {
  const out = new Headers();
  for (const name in headers) {
    if (RUNTIME_HEADERS.has(name)) continue;
    try {
      out.append(name, headers[name]!);
    } catch {
      throw new BedrockError(
        `The request header "${name}" has a name or value fetch refuses (a line break or a non-Latin-1 character). Check where it comes from (credentials, config).`,
        { code: "InvalidRequest", retryable: false },
      );
    }
  }
  return out;
}

const EMPTY: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) };

/**
 * The response body as an async iterable over a `ReadableStream` reader (works where streams are
 * not async-iterable, e.g. Safari). `return()` cancels the stream, which closes the connection.
 */
function streamBody(stream: ReadableStream<Uint8Array> | null, mapError: (error: unknown) => Error): AsyncIterable<Uint8Array> {
  if (stream === null) return EMPTY;
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const reader = stream.getReader();
      let finished = false;
      return {
        async next() {
          if (finished) return { done: true, value: undefined };
          try {
            const result = await reader.read();
            if (result.done) {
              finished = true;
              reader.releaseLock();
              return { done: true, value: undefined };
            }
            return { done: false, value: result.value };
          } catch (error) {
            finished = true;
            throw mapError(error);
          }
        },
        async return() {
          if (!finished) {
            finished = true;
            await reader.cancel().catch(() => undefined);
          }
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * A transport on any WHATWG `fetch` (workerd, Vercel edge, Deno, Bun, browsers, Node). The body
 * streams as the runtime delivers it; `host`, `content-length` and `connection` are left to the
 * runtime (it derives the same values SigV4 signed). Response statuses are returned, not thrown;
 * failures become `NetworkError` or, on the request's signal, `AbortError`.
 */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  return {
    async send(request: HttpRequest): Promise<HttpResponse> {
      const fetchFn = options.fetch ?? globalThis.fetch;
      let origin = "the endpoint";
      const headers = requestHeaders(request.headers);
      let response: Response;
      try {
        origin = new URL(request.url).origin;
        response = await fetchFn(request.url, {
          method: request.method,
          headers,
          // A plain ArrayBuffer-backed view is what callers pass; the cast only narrows the TS 5.9 generic.
          ...(request.body === undefined ? {} : { body: request.body as Uint8Array<ArrayBuffer> }),
          ...(request.signal === undefined ? {} : { signal: request.signal }),
          redirect: "manual",
        });
      } catch (error) {
        throw mapFetchError(error, origin, request.signal);
      }
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      return {
        status: response.status,
        headers: responseHeaders,
        body: streamBody(response.body, (error) => mapFetchError(error, origin, request.signal)),
      };
    },
  };
}
