import type { StreamEvent } from "@streambed/core";
import type { TokenCounts } from "../chat/usage.js";
import { GatewayError } from "../errors/gateway-error.js";
import { gatewayErrorOf } from "../errors/gateway-error-of.js";
import type { CallTracker } from "./call-tracker.js";
import { SHUTDOWN_REASON, type LiveCalls } from "./live-calls.js";
import { SSE_HEADERS } from "./sse-headers.js";

/** Turns streambed events into one API's SSE text (chat completions chunks, Responses events). */
export interface EventEncoder {
  event(ev: StreamEvent): string;
  error(error: GatewayError): string;
  readonly state: { counts: TokenCounts | undefined; failed: string | undefined };
}

/** Pending text is written at once when it reaches this many characters (a bigger string costs more to encode than it saves). */
const BATCH_CHARS = 16 * 1024;

const utf8 = new TextEncoder();

/** Runs `fn` at the next turn of the event loop, after pending I/O callbacks. */
function nextTurn(fn: () => void): void {
  if (typeof setImmediate === "function") setImmediate(fn);
  else setTimeout(fn, 0);
}

/** Events that carry the answer's first token. */
function isToken(ev: StreamEvent): boolean {
  return ev.type === "text_delta" || ev.type === "thinking_delta" || ev.type === "toolcall_start";
}

/** The error a stream ends with when it failed after it started. */
function midStreamError(error: unknown, controller: AbortController): GatewayError {
  if (controller.signal.reason === SHUTDOWN_REASON) {
    return new GatewayError(503, "server_error", "The gateway is shutting down and stopped this answer; send the request again.", { code: "gateway_shutting_down" });
  }
  return gatewayErrorOf(error);
}

/**
 * Streams one answer. The first event is awaited before answering, so a failure before it
 * (validation, throttling after streambed's retries, access denied) is an ordinary error response
 * with its status. Then events are encoded as they come and written once per turn of the event
 * loop: the events on hand leave together (a burst of tiny deltas is one socket write), none is
 * held longer than that turn. Backpressure: while the client has a written piece unread, no next
 * event is asked of Bedrock. An error is sent as a final SSE error event (never a silent close); a
 * client that leaves aborts the Bedrock call at once. The tracker is finished when the body ends.
 */
export async function streamAnswer(
  events: AsyncGenerator<StreamEvent, void, undefined>,
  encoder: EventEncoder,
  controller: AbortController,
  live: LiveCalls,
  tracker: CallTracker,
): Promise<Response> {
  let first: IteratorResult<StreamEvent, void>;
  try {
    first = await events.next();
  } catch (error) {
    live.close(controller);
    throw error;
  }
  tracker.startStream();
  let over = false;
  let closed = false;
  let pending = "";
  let flushQueued = false;
  let tokenSent = false;
  let sink!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | undefined;
  let firstWritten!: () => void;
  const written = new Promise<void>((resolve) => (firstWritten = resolve));

  const finish = (code?: string): void => {
    if (over) return;
    over = true;
    if (code !== undefined) tracker.errorCode = code;
    tracker.used(encoder.state.counts);
    tracker.finish(200);
  };
  const flush = (): void => {
    flushQueued = false;
    if (closed) return;
    if (pending !== "") {
      sink.enqueue(utf8.encode(pending));
      pending = "";
    }
    firstWritten();
    if (over) {
      // The body ends here: only now is the call out of the live set (a drain waits for this).
      closed = true;
      live.close(controller);
      sink.close();
    }
  };
  const push = (text: string): void => {
    pending += text;
    if (pending.length >= BATCH_CHARS) flush();
    else if (!flushQueued) {
      flushQueued = true;
      nextTurn(flush);
    }
  };
  const fail = (error: GatewayError): void => {
    finish(error.code ?? error.type);
    push(encoder.error(error));
  };
  const produce = async (): Promise<void> => {
    let result = first;
    for (;;) {
      if (result.done) {
        if (encoder.state.failed !== undefined) fail(new GatewayError(502, "server_error", encoder.state.failed, { code: "model_error" }));
        else {
          finish();
          push("");
        }
        return;
      }
      const text = encoder.event(result.value);
      if (text !== "") push(text);
      if (!tokenSent && isToken(result.value)) {
        // The first token is written now, not at the end of the turn: it is what the client waits for.
        tokenSent = true;
        tracker.firstToken();
        flush();
      }
      while (!closed && sink.desiredSize !== null && sink.desiredSize <= 0) await new Promise<void>((resolve) => (wake = resolve));
      if (closed) return;
      try {
        result = await events.next();
      } catch (error) {
        if (!closed) fail(midStreamError(error, controller));
        return;
      }
    }
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        sink = c;
      },
      pull() {
        const w = wake;
        wake = undefined;
        w?.();
      },
      cancel() {
        // The client left: stop Bedrock now, record what was used.
        closed = true;
        firstWritten();
        controller.abort("client-disconnected");
        finish("client_disconnected");
        live.close(controller);
        wake?.();
        void events.return(undefined).catch(() => undefined);
      },
    },
    { highWaterMark: 1 },
  );
  produce().catch((error: unknown) => {
    if (!closed) fail(gatewayErrorOf(error));
  });
  // The headers leave with the first piece (the first event and whatever followed it at once).
  await written;
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
