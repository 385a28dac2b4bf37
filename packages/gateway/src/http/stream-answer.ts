import type { StreamEvent } from "@streambed/core";
import type { TokenCounts } from "../chat/usage.js";
import { GatewayError } from "../errors/gateway-error.js";
import { gatewayErrorOf } from "../errors/gateway-error-of.js";
import type { CallTracker } from "./call-tracker.js";
import { SHUTDOWN_REASON, type LiveCalls } from "./live-calls.js";
import { sseBody, SSE_HEADERS } from "./sse-body.js";

/** Turns streambed events into one API's SSE text (chat completions chunks, Responses events). */
export interface EventEncoder {
  event(ev: StreamEvent): string;
  error(error: GatewayError): string;
  readonly state: { counts: TokenCounts | undefined; failed: string | undefined };
}

/** A batch of events is written once it reaches this many characters (big strings cost more to encode than they save). */
const BATCH_CHARS = 16 * 1024;

/** What {@link laterTurn} resolves to. */
const LATER = Symbol("later");

/** Resolves at the next turn of the event loop (after pending I/O callbacks), with {@link LATER}. */
function laterTurn(): Promise<typeof LATER> {
  return new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve, LATER) : setTimeout(resolve, 0, LATER)));
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
 * Streams one answer: the first event is awaited before answering, so a failure before it
 * (validation, throttling after streambed's retries, access denied) is an ordinary error response
 * with its status. After that the body is pulled event by event; an error is sent as a final SSE
 * error event (never a silent close); a client that leaves aborts the Bedrock call at once. The
 * tracker is finished when the body ends, whichever way.
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
  let ahead: Promise<IteratorResult<StreamEvent, void>> | undefined;
  let pending: StreamEvent | undefined = first.done ? undefined : first.value;
  let ended = first.done === true;
  let over = false;
  tracker.startStream();
  const finish = (code?: string): void => {
    if (over) return;
    over = true;
    if (code !== undefined) tracker.errorCode = code;
    tracker.used(encoder.state.counts);
    tracker.finish(200);
  };
  const fail = (error: GatewayError): string => {
    finish(error.code ?? error.type);
    return encoder.error(error);
  };
  const nextText = async (): Promise<string | undefined> => {
    if (over) {
      // The body ends here: only now is the call out of the live set (a drain waits for this).
      live.close(controller);
      return undefined;
    }
    if (ended) {
      if (encoder.state.failed !== undefined) return fail(new GatewayError(502, "server_error", encoder.state.failed, { code: "model_error" }));
      finish();
      live.close(controller);
      return undefined;
    }
    // One event (waiting for it), then every event already on hand: they leave in one write, so
    // a burst of small deltas costs one socket write, not one each. Waiting stops at the next
    // turn of the event loop (the rest stays `ahead` for the next pull): no event is held back.
    let text = "";
    let first = true;
    if (pending !== undefined) {
      // The event awaited before answering goes out with whatever followed it already.
      if (isToken(pending)) tracker.firstToken();
      text = encoder.event(pending);
      pending = undefined;
      first = false;
    }
    let later: Promise<typeof LATER> | undefined;
    for (; ; first = false) {
      const next = ahead ?? events.next();
      ahead = undefined;
      let result: IteratorResult<StreamEvent, void> | typeof LATER;
      try {
        result = first ? await next : await Promise.race([next, (later ??= laterTurn())]);
      } catch (error) {
        if (over) return text === "" ? undefined : text;
        return text + fail(midStreamError(error, controller));
      }
      if (result === LATER) {
        ahead = next;
        return text;
      }
      if (result.done) {
        ended = true;
        return text;
      }
      if (isToken(result.value)) tracker.firstToken();
      text += encoder.event(result.value);
      if (text.length >= BATCH_CHARS) return text;
    }
  };
  // The first piece is made before answering: the headers and the first event then leave together.
  let prefetched: string | undefined = await nextText();
  const body = sseBody({
    next: () => {
      if (prefetched === undefined) return nextText();
      const text = prefetched;
      prefetched = undefined;
      return Promise.resolve(text);
    },
    cancel: () => {
      // The client left: stop Bedrock now, record what was used.
      controller.abort("client-disconnected");
      finish("client_disconnected");
      live.close(controller);
      void events.return(undefined).catch(() => undefined);
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
