// Differential test against the AWS SDK's codec (@smithy/eventstream-codec) on random frames.
import { EventStreamCodec, Int64, type Message, type MessageHeaders, type MessageHeaderValue } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { cuts, message } from "./test-support/arbitraries.js";
import { concatBytes, feedAll, splitAt } from "./test-support/feed.js";
import type { EventStreamHeaders, EventStreamHeaderValue, EventStreamMessage } from "./types.js";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

// smithy's encoder refuses values over 32,767 bytes; `__proto__` would land on its object's prototype.
const messages = fc.array(message({ maxValueBytes: 32767, plainNames: true }), { minLength: 1, maxLength: 5 });

function int64Bytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value);
  return bytes;
}

function toSmithy(m: EventStreamMessage): Message {
  const headers: MessageHeaders = {};
  for (const [name, h] of Object.entries(m.headers)) {
    headers[name] = (h.type === "long" ? { type: "long", value: new Int64(int64Bytes(h.value)) } : h) as MessageHeaderValue;
  }
  return { headers, body: m.payload };
}

function fromSmithy(m: Message): EventStreamMessage {
  const headers: EventStreamHeaders = {};
  for (const [name, h] of Object.entries(m.headers)) {
    headers[name] = (
      h.type === "long" ? { type: "long", value: new DataView(h.value.bytes.buffer, h.value.bytes.byteOffset).getBigInt64(0) } : h
    ) as EventStreamHeaderValue;
  }
  return { headers, payload: m.body };
}

/** Ours and theirs as plain comparable data: key order, types and values. */
function normalise(m: EventStreamMessage) {
  return {
    headers: Object.entries(m.headers).map(([name, h]) => [name, h.type, h.value instanceof Uint8Array ? [...h.value] : h.value]),
    payload: [...m.payload],
  };
}

describe("differential: streambed vs @smithy/eventstream-codec", () => {
  it("their encoder → our decoder (any chunking): the same headers and payloads", () => {
    fc.assert(
      fc.property(
        messages.chain((ms) => {
          const bytes = concatBytes(ms.map((m) => codec.encode(toSmithy(m))));
          return fc.record({ ms: fc.constant(ms), bytes: fc.constant(bytes), cuts: cuts(bytes.length) });
        }),
        ({ ms, bytes, cuts }) => {
          const { messages: got, error } = feedAll(splitAt(bytes, cuts));
          expect(error).toBeNull();
          expect(got.map(normalise)).toEqual(ms.map(normalise));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("our encoder → their decoder: the same headers and payloads", () => {
    fc.assert(
      fc.property(messages, (ms) => {
        for (const m of ms) {
          const theirs = fromSmithy(codec.decode(encodeEventStreamMessage(m)));
          expect(normalise(theirs)).toEqual(normalise(m));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("both encoders produce identical bytes, and both decoders agree on them", () => {
    fc.assert(
      fc.property(messages, (ms) => {
        for (const m of ms) {
          const ours = encodeEventStreamMessage(m);
          expect(codec.encode(toSmithy(m))).toEqual(ours);
          const { messages: decoded } = feedAll([ours]);
          expect(normalise(decoded[0]!)).toEqual(normalise(fromSmithy(codec.decode(ours))));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("both reject a frame with any one corrupted byte", () => {
    fc.assert(
      fc.property(message({ maxValueBytes: 32767, plainNames: true }), fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, xor) => {
        const frame = encodeEventStreamMessage(m);
        frame[at % frame.length]! ^= xor;
        expect(() => codec.decode(frame)).toThrow();
        const { messages: got, error } = feedAll([frame]);
        expect(got).toHaveLength(0);
        expect(error).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
