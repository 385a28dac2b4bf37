/** One step of a streamed reply. */
export type Step = { bytes: Uint8Array; delayMs: number } | { stallMs: number } | { reset: true };

/** Raised into the body stream by the `reset-mid` fault; the loopback server destroys the socket on it. */
export class EmulatedConnectionReset extends Error {
  override name = "EmulatedConnectionReset";
  constructor() {
    super("connection reset by the emulator (fault reset-mid)");
  }
}

/**
 * A byte stream that sends each step when the reader asks for it (highWaterMark 0: nothing is
 * produced ahead), waiting its delay first. Cancelling the stream or aborting `signal` stops any
 * pending wait at once.
 */
export function streamSteps(steps: Step[], signal?: AbortSignal): ReadableStream<Uint8Array> {
  let next = 0;
  let wake: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    wake?.();
  };
  signal?.addEventListener("abort", stop, { once: true });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || stopped) return resolve();
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (next < steps.length && !stopped) {
          const step = steps[next++]!;
          if ("reset" in step) {
            controller.error(new EmulatedConnectionReset());
            return;
          }
          await sleep("bytes" in step ? step.delayMs : step.stallMs);
          if (stopped) break;
          if ("bytes" in step) {
            controller.enqueue(step.bytes);
            return;
          }
        }
        signal?.removeEventListener("abort", stop);
        if (signal?.aborted) controller.error(signal.reason);
        else if (!stopped) controller.close();
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Wait `ms`, or less if `signal` aborts. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
