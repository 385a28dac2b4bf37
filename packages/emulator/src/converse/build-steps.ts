import type { Fault } from "./faults.js";
import { STREAM_EXCEPTIONS } from "./faults.js";
import { corruptFrame, errorFrame, eventFrame, exceptionFrame } from "./frames.js";
import type { TimedEvent } from "./plan-to-events.js";
import type { Step } from "./stream-body.js";

/** Where mid-stream faults strike: right after the first content delta (so some text was sent). */
function faultPoint(events: TimedEvent[] | undefined, frameCount: number): number {
  if (!events) return Math.min(2, frameCount);
  const first = events.findIndex((e) => e.type === "contentBlockDelta");
  return first === -1 ? Math.min(1, frameCount) : first + 1;
}

/**
 * The streamed reply as steps: one frame per event (or the raw frames given), with the fault, if
 * any, applied at the fault point. Faults that end the stream drop what would have followed.
 */
export function buildSteps(input: { events?: TimedEvent[]; frames?: Uint8Array[] }, fault: Fault | undefined, random: () => number): Step[] {
  const frames = input.frames ?? input.events!.map((e) => eventFrame(e.type, e.payload, random));
  const delays = input.events?.map((e) => e.delayMs) ?? frames.map(() => 0);
  const steps: Step[] = frames.map((bytes, i) => ({ bytes, delayMs: delays[i] ?? 0 }));
  if (!fault || fault.kind === "http" || (fault.kind !== "corrupt" && fault.kind !== "exception" && fault.kind !== "error-frame" && fault.where !== "mid")) {
    return steps;
  }
  const k = faultPoint(input.events, frames.length);
  const head = steps.slice(0, k);
  switch (fault.kind) {
    case "exception": {
      const spec = STREAM_EXCEPTIONS[fault.exceptionType]!;
      return [...head, { bytes: exceptionFrame(fault.exceptionType, { message: spec.message, ...spec.extra }), delayMs: 0 }];
    }
    case "error-frame":
      return [...head, { bytes: errorFrame("InternalFailure", "An unmodeled error occurred in the emulated service."), delayMs: 0 }];
    case "corrupt": {
      const victim = frames[Math.min(k, frames.length - 1)]!;
      const base = k < frames.length ? head : head.slice(0, -1);
      const bytes =
        fault.how === "truncated"
          ? victim.subarray(0, Math.max(1, Math.floor(victim.length / 2)))
          : corruptFrame(victim, fault.how === "bad-prelude-crc" ? "prelude" : "message");
      return [...base, { bytes, delayMs: 0 }];
    }
    case "stall":
      return [...head, { stallMs: fault.ms }, ...steps.slice(k)];
    case "reset":
      return [...head, { reset: true }];
  }
}
