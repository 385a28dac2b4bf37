import type { AbortWatch, HttpRequest } from "./transport.js";

/**
 * Where streambed's own transports watch `request`'s abort: {@link HttpRequest.abort} while the
 * request's `signal` is absent or still an accessor (the client's, made only when read), else the
 * signal. A wrapper that copies the request (`{ ...request, signal: mine }`) carries `abort` along,
 * but its `signal` is then a plain value, and that signal is the one it means: it wins.
 */
export function abortWatchOf(request: HttpRequest): AbortWatch | undefined {
  const abort = request.abort;
  if (abort === undefined) return request.signal;
  const signal = Object.getOwnPropertyDescriptor(request, "signal");
  return signal === undefined || signal.get !== undefined ? abort : request.signal;
}
