/** A source of SSE text: the next piece (`undefined` when finished), and a stop for a client that left. */
export interface SsePump {
  /** The next text to send ("" sends nothing and asks again); undefined ends the body. */
  next(): Promise<string | undefined>;
  /** The client went away (or the body was cancelled): stop the work behind it at once. */
  cancel(): void;
}

const encoder = new TextEncoder();

/**
 * A response body pulled from `pump` as the client reads it: no buffering ahead of the socket
 * (backpressure reaches Bedrock's stream), and a client that disconnects cancels the pump at once.
 */
export function sseBody(pump: SsePump): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const text = await pump.next();
          if (text === undefined) {
            controller.close();
            return;
          }
          if (text !== "") {
            controller.enqueue(encoder.encode(text));
            return;
          }
        }
      },
      cancel() {
        pump.cancel();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Headers of an SSE answer. */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
} as const;
