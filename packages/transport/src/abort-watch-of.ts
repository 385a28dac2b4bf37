import type { AbortWatch, HttpRequest } from "./transport.js";

/** Where streambed's own transports watch `request`'s abort: {@link HttpRequest.abort}, else its signal. */
export function abortWatchOf(request: HttpRequest): AbortWatch | undefined {
  return request.abort ?? request.signal;
}
