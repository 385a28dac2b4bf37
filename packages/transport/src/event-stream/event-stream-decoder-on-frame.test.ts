// The decoder's `onFrame` mode (bytes + payload offsets, no message object) against its `onMessage`
// mode: the same frames, the same headers, the same payload bytes, the same errors, however the
// bytes are chunked.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventStreamDecodeError } from "../errors/transport-errors.js";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { EventStreamDecoder, type EventStreamDecoderOptions } from "./event-stream-decoder.js";
import { cuts, message } from "./test-support/arbitraries.js";
import { byteByByte, concatBytes, feedAll, splitAt } from "./test-support/feed.js";
import { eventFrame, flipBit } from "./test-support/frames.js";
import type { EventStreamHeaders } from "./types.js";

interface InPlace {
  bytes: Uint8Array;
  headers: EventStreamHeaders;
  start: number;
  end: number;
}

/** Feed `chunks` to an `onFrame` decoder; payloads are read only at the end (they must still hold). */
function feedInPlace(chunks: readonly Uint8Array[], options: EventStreamDecoderOptions = {}) {
  const frames: InPlace[] = [];
  const decoder = new EventStreamDecoder({ ...options, onFrame: (bytes, headers, start, end) => frames.push({ bytes, headers, start, end }) });
  let error: EventStreamDecodeError | null = null;
  try {
    for (const chunk of chunks) decoder.feed(chunk);
    decoder.end();
  } catch (e) {
    if (!(e instanceof EventStreamDecodeError)) throw e;
    error = e;
  }
  return { frames, error };
}

function expectSameAsMessages(chunks: readonly Uint8Array[], options: EventStreamDecoderOptions = {}): void {
  const want = feedAll(chunks, options);
  const got = feedInPlace(chunks, options);
  expect(got.frames).toHaveLength(want.messages.length);
  got.frames.forEach((f, i) => {
    expect(f.headers).toEqual(want.messages[i]!.headers);
    expect(f.bytes.subarray(f.start, f.end)).toEqual(want.messages[i]!.payload);
  });
  expect(got.error?.code).toBe(want.error?.code);
  expect(got.error?.message).toBe(want.error?.message);
}

const delta = (i: number) => eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: `token ${i}` } });

describe("EventStreamDecoder onFrame", () => {
  it("hands out the frames of a chunk in place: the chunk itself and the payload's offsets", () => {
    const chunk = concatBytes([delta(0), delta(1)]);
    const { frames, error } = feedInPlace([chunk]);
    expect(error).toBeNull();
    expect(frames.map((f) => f.bytes.buffer)).toEqual([chunk.buffer, chunk.buffer]);
    expect(frames.map((f) => new TextDecoder().decode(f.bytes.subarray(f.start, f.end)))).toEqual(
      [0, 1].map((i) => JSON.stringify({ contentBlockIndex: 0, delta: { text: `token ${i}` } })),
    );
    expect(frames[0]!.headers[":event-type"]).toEqual({ type: "string", value: "contentBlockDelta" });
  });

  it("equals onMessage for frames whole in a chunk, straddling chunks, byte by byte, with shared headers", () => {
    const bytes = concatBytes(Array.from({ length: 40 }, (_, i) => delta(i)));
    for (const chunks of [[bytes], byteByByte(bytes), splitAt(bytes, [5, 90, 91, 400, 1000, 1001, 1002])]) {
      expectSameAsMessages(chunks);
      expectSameAsMessages(chunks, { shareHeaders: true });
    }
  });

  it("fails exactly like onMessage on a corrupt frame, after the same good frames", () => {
    const good = concatBytes([delta(0), delta(1)]);
    for (const at of [2, 9, good.length + 20, good.length + delta(2).length - 2]) {
      const bytes = flipBit(concatBytes([good, delta(2), delta(3)]), at);
      expectSameAsMessages([bytes]);
      expectSameAsMessages(splitAt(bytes, [7, good.length + 3]));
    }
    expectSameAsMessages([good.subarray(0, good.length - 3)]); // truncated
  });

  it("equals onMessage for random messages, however the bytes are chunked (fast-check)", () => {
    const streams = fc.array(message(), { minLength: 1, maxLength: 8 }).chain((messages) => {
      const bytes = concatBytes(messages.map((m) => encodeEventStreamMessage(m)));
      return fc.record({ bytes: fc.constant(bytes), cuts: cuts(bytes.length), share: fc.boolean() });
    });
    fc.assert(
      fc.property(streams, ({ bytes, cuts, share }) => expectSameAsMessages(splitAt(bytes, cuts), { shareHeaders: share })),
      { numRuns: 200 },
    );
  });

  it("hands a `frames` sink exactly what onFrame gets, as method calls on the sink", () => {
    const bytes = concatBytes(Array.from({ length: 20 }, (_, i) => delta(i)));
    const corrupt = flipBit(bytes, bytes.length - 30);
    for (const chunks of [[bytes], byteByByte(bytes), splitAt(bytes, [5, 90, 91, 400]), splitAt(corrupt, [7, 300])]) {
      const want = feedInPlace(chunks, { shareHeaders: true });
      class Sink {
        readonly frames: InPlace[] = [];
        onFrame(bytes: Uint8Array, headers: EventStreamHeaders, start: number, end: number): void {
          expect(this).toBe(sink);
          this.frames.push({ bytes, headers, start, end });
        }
      }
      const sink = new Sink();
      const decoder = new EventStreamDecoder({ shareHeaders: true, frames: sink });
      let error: unknown = null;
      try {
        for (const chunk of chunks) decoder.feed(chunk);
        decoder.end();
      } catch (e) {
        error = e;
      }
      expect(sink.frames).toEqual(want.frames);
      expect((error as EventStreamDecodeError | null)?.message).toBe(want.error?.message);
    }
  });

  it("hold + decodeFrames: the same frames and errors as feed, however few frames each call decodes", () => {
    const good = concatBytes(Array.from({ length: 12 }, (_, i) => delta(i)));
    const inputs = [[good], splitAt(good, [5, 90, 91, 400]), byteByByte(good.subarray(0, 300))];
    for (const at of [2, 9, 200, good.length - 2]) inputs.push([flipBit(good, at)], splitAt(flipBit(good, at), [7, 150]));
    inputs.push([good.subarray(0, good.length - 3)]); // truncated
    for (const chunks of inputs) {
      const want = feedInPlace(chunks, { shareHeaders: true });
      for (const max of [1, 2, 5, Infinity]) {
        const got: InPlace[] = [];
        const decoder = new EventStreamDecoder({ shareHeaders: true, onFrame: (bytes, headers, start, end) => got.push({ bytes, headers, start, end }) });
        let error: EventStreamDecodeError | null = null;
        try {
          for (const chunk of chunks) {
            decoder.hold(chunk);
            for (;;) {
              const before = got.length;
              const n = decoder.decodeFrames(max);
              expect(n).toBeLessThanOrEqual(max);
              expect(got.length - before).toBe(n);
              if (n === 0) break;
            }
          }
          decoder.end();
        } catch (e) {
          if (!(e instanceof EventStreamDecodeError)) throw e;
          error = e;
        }
        expect(got).toEqual(want.frames);
        expect(error?.message).toBe(want.error?.message);
      }
    }
  });

  it("hands out the first frame of a held chunk before checking the rest", () => {
    const bytes = flipBit(concatBytes([delta(0), delta(1), delta(2)]), delta(0).length + delta(1).length + 20);
    const got: number[] = [];
    const decoder = new EventStreamDecoder({ onFrame: (_bytes, _headers, start) => got.push(start) });
    decoder.hold(bytes);
    expect(decoder.decodeFrames(1)).toBe(1);
    expect(decoder.decodeFrames(5)).toBe(1); // the good frame before the corrupt one
    expect(() => decoder.decodeFrames(5)).toThrow(EventStreamDecodeError);
    expect(got).toHaveLength(2);
  });

  it("needs a handler", () => {
    expect(() => new EventStreamDecoder({} as never)).toThrow(TypeError);
  });
});
