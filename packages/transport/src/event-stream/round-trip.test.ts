// Property tests: encodeEventStreamMessage → any chunking → decoder gives back exactly the messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { EventStreamDecoder } from "./event-stream-decoder.js";
import { cuts, message } from "./test-support/arbitraries.js";
import { concatBytes, decodeAll, feedAll, splitAt } from "./test-support/feed.js";
import type { EventStreamMessage } from "./types.js";

/** A stream of 1–8 random messages, encoded, with random cut points. */
const streams = fc
  .array(message(), { minLength: 1, maxLength: 8 })
  .chain((messages) => {
    const bytes = concatBytes(messages.map((m) => encodeEventStreamMessage(m)));
    return fc.record({ messages: fc.constant(messages), bytes: fc.constant(bytes), cuts: cuts(bytes.length) });
  });

function expectSame(got: EventStreamMessage[], want: EventStreamMessage[]): void {
  expect(got).toHaveLength(want.length);
  got.forEach((m, i) => {
    expect(Object.keys(m.headers)).toEqual(Object.keys(want[i]!.headers));
    for (const name of Object.keys(want[i]!.headers)) {
      expect(Object.getOwnPropertyDescriptor(m.headers, name)?.value).toEqual(want[i]!.headers[name]);
    }
    expect(m.payload).toEqual(want[i]!.payload);
  });
}

describe("encode → decode round trip (fast-check)", () => {
  it("the push decoder returns exactly the encoded messages, however the bytes are chunked", () => {
    fc.assert(
      fc.property(streams, ({ messages, bytes, cuts }) => {
        const { messages: got, error } = feedAll(splitAt(bytes, cuts));
        expect(error).toBeNull();
        expectSame(got, messages);
      }),
      { numRuns: 300 },
    );
  });

  it("decodeEventStream returns exactly the encoded messages, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(streams, async ({ messages, bytes, cuts }) => {
        const { messages: got, error } = await decodeAll(splitAt(bytes, cuts));
        expect(error).toBeNull();
        expectSame(got, messages);
      }),
      { numRuns: 150 },
    );
  });

  it("payload views handed out earlier still hold their bytes after every later chunk", () => {
    fc.assert(
      fc.property(streams, ({ bytes, cuts }) => {
        const seen: { view: Uint8Array; copy: Uint8Array }[] = [];
        const decoder = new EventStreamDecoder({ onMessage: (m) => seen.push({ view: m.payload, copy: m.payload.slice() }) });
        for (const chunk of splitAt(bytes, cuts)) decoder.feed(chunk);
        decoder.end();
        for (const { view, copy } of seen) expect(view).toEqual(copy);
      }),
      { numRuns: 300 },
    );
  });

  it("re-encoding a decoded message reproduces its frame byte for byte", () => {
    fc.assert(
      fc.property(message(), (m) => {
        const frame = encodeEventStreamMessage(m);
        const { messages } = feedAll([frame]);
        expect(encodeEventStreamMessage(messages[0]!)).toEqual(frame);
      }),
      { numRuns: 300 },
    );
  });
});
