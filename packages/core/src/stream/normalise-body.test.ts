import { AbortError, EventStreamDecodeError } from "@streambed/transport";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ThrottlingError } from "../errors/index.js";
import { testModel } from "../request/test-helpers.js";
import type { StreamEvent } from "../types/index.js";
import {
  collect,
  concatFrames,
  decodeFrames,
  exceptionFrame,
  messageStart,
  reasoningResponse,
  splitAt,
  textDelta,
  textResponse,
  toolUseResponse,
} from "./fixtures/converse-stream-frames.js";
import { normaliseBody } from "./normalise-body.js";
import { normaliseStream } from "./normalise-stream.js";

const model = testModel("us.anthropic.claude-opus-4-6-v1:0");
const context = { model, requestId: "req-1", now: () => 1_700_000_000_000 };

/** A body that records whether it was returned (the connection released). */
function body(chunks: Uint8Array[]) {
  const state = { returned: false, pulled: 0 };
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => (state.pulled < chunks.length ? { done: false, value: chunks[state.pulled++]! } : { done: true, value: undefined }),
      return: async () => {
        state.returned = true;
        return { done: true, value: undefined };
      },
    }),
  };
  return { iterable, state };
}

/** Events as plain data, the shared `partial` left out (it is the same object throughout). */
const plain = (events: StreamEvent[]) => events.map(({ partial: _p, ...rest }: StreamEvent & { partial?: unknown }) => JSON.parse(JSON.stringify(rest)) as unknown);

const RESPONSES = {
  text: textResponse(["Hel", "lo", " wor", "ld\n\"quoted\""]),
  tool: toolUseResponse(['{"ci', 'ty": "Par', 'is"}'], { text: "Let me look." }),
  reasoning: reasoningResponse(["Think", "ing"], "sig", "Answer"),
  truncated: [messageStart(), textDelta(0, "cut")],
  exception: [messageStart(), textDelta(0, "a"), exceptionFrame("throttlingException", { message: "slow down" })],
};

describe("normaliseBody", () => {
  it.each(Object.keys(RESPONSES))("gives exactly what normaliseStream(decodeEventStream()) gives, for %s, cut anywhere", async (name) => {
    const frames = RESPONSES[name as keyof typeof RESPONSES];
    const bytes = concatFrames(frames);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 8 }), async (cuts) => {
        const want = await collect(normaliseStream(decodeFrames(frames, cuts), context));
        const got = await collect(normaliseBody(body(splitAt(bytes, cuts)).iterable, context));
        expect(plain(got.items)).toEqual(plain(want.items));
        expect(got.error?.constructor).toBe(want.error?.constructor);
        expect((got.error as Error | undefined)?.message).toBe((want.error as Error | undefined)?.message);
      }),
      { numRuns: 40 },
    );
  });

  it("gives the same events when one chunk completes many frames (the frame queue gives its room back) and more follow", async () => {
    const frames = textResponse(Array.from({ length: 60 }, (_, i) => `piece ${i} `));
    const bytes = concatFrames(frames);
    for (const cuts of [[], [bytes.length >> 1], [100, bytes.length - 100]]) {
      const want = await collect(normaliseStream(decodeFrames(frames, cuts), context));
      const got = await collect(normaliseBody(body(splitAt(bytes, cuts)).iterable, context));
      expect(plain(got.items)).toEqual(plain(want.items));
      expect(got.error).toBeUndefined();
    }
  });

  it("the partial message at each event is what normaliseStream's is at that event (frames normalised as pulled)", async () => {
    const frames = RESPONSES.tool;
    const bytes = concatFrames(frames);
    const snapshots = async (events: AsyncIterable<StreamEvent>) => {
      const out: string[] = [];
      for await (const event of events) out.push(JSON.stringify("partial" in event ? event.partial : event.message));
      return out;
    };
    for (const cuts of [[], [7, 100, 101], Array.from({ length: bytes.length }, (_, i) => i)]) {
      const want = await snapshots(normaliseStream(decodeFrames(frames, cuts), context));
      expect(await snapshots(normaliseBody(body(splitAt(bytes, cuts)).iterable, context))).toEqual(want);
    }
  });

  it("hands out the good frames of a chunk before throwing on a corrupt one, and returns the body", async () => {
    const frames = textResponse(["a", "b", "c"]);
    const corrupt = frames[2]!.slice();
    corrupt[corrupt.length - 6]! ^= 1;
    const { iterable, state } = body([concatFrames([frames[0]!, frames[1]!, corrupt, frames[3]!]), concatFrames(frames.slice(4))]);
    const { items, error } = await collect(normaliseBody(iterable, context));
    expect(items.filter((e) => e.type === "text_delta").map((e) => (e as { delta: string }).delta)).toEqual(["a"]);
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    expect((error as EventStreamDecodeError).reason).toBe("message-crc");
    expect(state.returned).toBe(true);
  });

  it("throws a model's exception frame as its typed error after the events before it", async () => {
    const { items, error } = await collect(normaliseBody(body([concatFrames(RESPONSES.exception)]).iterable, context));
    expect(items.map((e) => e.type)).toEqual(["start", "text_start", "text_delta"]);
    expect(error).toBeInstanceOf(ThrottlingError);
  });

  it("breaking out returns the body; the body is not returned when it ended by itself", async () => {
    const early = body([concatFrames(RESPONSES.text)]);
    for await (const e of normaliseBody(early.iterable, context)) if (e.type === "text_delta") break;
    expect(early.state.returned).toBe(true);

    const whole = body([concatFrames(RESPONSES.text)]);
    const { items } = await collect(normaliseBody(whole.iterable, context));
    expect(items.at(-1)?.type).toBe("done");
    expect(whole.state.returned).toBe(false);
  });

  it("an aborted signal ends the stream at the next pull with AbortError, even though the body goes on", async () => {
    const controller = new AbortController();
    const { iterable, state } = body([concatFrames(RESPONSES.text)]);
    const seen: string[] = [];
    const { error } = await collect(
      (async function* () {
        for await (const e of normaliseBody(iterable, context, { signal: controller.signal })) {
          seen.push(e.type);
          if (e.type === "text_delta") controller.abort();
          yield e;
        }
      })(),
    );
    expect(seen).toEqual(["start", "text_start", "text_delta"]);
    expect(error).toBeInstanceOf(AbortError);
    expect(state.returned).toBe(true);
  });

  it("watches the signal with one listener, removed when the iterator finishes", async () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<typeof add>) => (calls.push(`add ${args[0]}`), add(...args));
    signal.removeEventListener = (...args: Parameters<typeof remove>) => (calls.push(`remove ${args[0]}`), remove(...args));
    const { items } = await collect(normaliseBody(body([concatFrames(RESPONSES.text)]).iterable, context, { signal }));
    expect(items.at(-1)?.type).toBe("done");
    expect(calls).toEqual(["add abort", "remove abort"]);
  });

  it("an already aborted signal ends the stream after its first event", async () => {
    const controller = new AbortController();
    controller.abort();
    const { items, error } = await collect(normaliseBody(body([concatFrames(RESPONSES.text)]).iterable, context, { signal: controller.signal }));
    expect(items.map((e) => e.type)).toEqual(["start"]);
    expect(error).toBeInstanceOf(AbortError);
  });

  it("a timer whose reason is set ends the stream at the next pull with AbortError, like an aborted signal", async () => {
    const { iterable, state } = body([concatFrames(RESPONSES.text)]);
    const timer = { reason: undefined as unknown, activity() {}, waiting() {}, pulled() {} };
    const seen: string[] = [];
    const { error } = await collect(
      (async function* () {
        for await (const e of normaliseBody(iterable, context, { timer })) {
          seen.push(e.type);
          if (e.type === "text_delta") timer.reason = new AbortError();
          yield e;
        }
      })(),
    );
    expect(seen).toEqual(["start", "text_start", "text_delta"]);
    expect(error).toBeInstanceOf(AbortError);
    expect(state.returned).toBe(true);
  });

  it("tells a timer object what it tells onChunk / onWait / onPull, in the same places, as method calls", async () => {
    const chunks = splitAt(concatFrames(RESPONSES.text), [10, 60, 61, 200]);
    const viaCallbacks: string[] = [];
    await collect(
      normaliseBody(body(chunks).iterable, context, {
        onChunk: () => viaCallbacks.push("activity"),
        onWait: () => viaCallbacks.push("waiting"),
        onPull: () => viaCallbacks.push("pulled"),
      }),
    );
    const viaTimer: string[] = [];
    const timer = {
      activity() {
        expect(this).toBe(timer);
        viaTimer.push("activity");
      },
      waiting() {
        expect(this).toBe(timer);
        viaTimer.push("waiting");
      },
      pulled() {
        expect(this).toBe(timer);
        viaTimer.push("pulled");
      },
    };
    await collect(normaliseBody(body(chunks).iterable, context, { timer }));
    expect(viaTimer).toEqual(viaCallbacks);
    expect(viaTimer.filter((c) => c === "activity")).toHaveLength(chunks.length);
  });

  it("calls onChunk once per chunk and answers overlapping next() calls in order", async () => {
    const chunks = splitAt(concatFrames(RESPONSES.text), [10, 60, 61, 200]);
    let calls = 0;
    const events = normaliseBody(body(chunks).iterable, context, { onChunk: () => calls++ });
    const results = await Promise.all(Array.from({ length: 12 }, () => events.next()));
    const want = await collect(normaliseStream(decodeFrames(RESPONSES.text), context));
    expect(plain(results.filter((r) => !r.done).map((r) => r.value as StreamEvent))).toEqual(plain(want.items));
    expect(results.slice(want.items.length).every((r) => r.done)).toBe(true);
    expect(calls).toBe(chunks.length);
  });
});

describe("normaliseBody: mapError and onEnd", () => {
  it("maps every error thrown and calls onEnd once, however the iterator finishes", async () => {
    const ends: string[] = [];
    const mapped = new Error("mapped");
    const failing = await collect(
      normaliseBody(body([concatFrames(RESPONSES.truncated)]).iterable, context, { mapError: () => mapped, onEnd: () => ends.push("failed") }),
    );
    expect(failing.error).toBe(mapped);

    await collect(normaliseBody(body([concatFrames(RESPONSES.text)]).iterable, context, { onEnd: () => ends.push("done") }));

    for await (const e of normaliseBody(body([concatFrames(RESPONSES.text)]).iterable, context, { onEnd: () => ends.push("returned") })) {
      if (e.type === "text_delta") break;
    }
    expect(ends).toEqual(["failed", "done", "returned"]);
  });
});
