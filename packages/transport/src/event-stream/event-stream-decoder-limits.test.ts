import { describe, expect, it } from "vitest";
import { EventStreamDecodeError } from "../errors/transport-errors.js";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { EventStreamDecoder } from "./event-stream-decoder.js";
import { DEFAULT_MAX_MESSAGE_LENGTH } from "./limits.js";
import { byteByByte, concatBytes, feedAll, splitAt } from "./test-support/feed.js";
import { eventFrame, flipBit, prelude, rawFrame } from "./test-support/frames.js";
import type { EventStreamMessage } from "./types.js";
import { largestAllocation } from "./test-support/largest-allocation.js";
import { decodeError } from "./test-support/decode-error.js";

const delta = (i: number) => eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: `token ${i}` } });

describe("EventStreamDecoder", () => {
  describe("length limits, checked on the prelude before anything is allocated", () => {
    it.each([0, 1, 12, 15])("total length %i (< 16) → length-too-small", (total) => {
      const { error } = feedAll([prelude(total, 0), new Uint8Array(8)]);
      expect(error?.reason).toBe("length-too-small");
      expect(error?.message).toContain(`${total}`);
    });

    it("(the allocation spy sees the buffer of an accepted frame that straddles chunks)", () => {
      const decoder = new EventStreamDecoder({ onMessage: () => {} });
      expect(largestAllocation(() => decoder.feed(prelude(100_000, 0)))).toBe(100_000);
    });

    it("a prelude claiming ~4 GiB is rejected from its 12 bytes, allocating nothing large", () => {
      const decoder = new EventStreamDecoder({ onMessage: () => {} });
      let error: EventStreamDecodeError | undefined;
      const largest = largestAllocation(() => {
        error = decodeError(() => decoder.feed(prelude(0xfffffff0, 0)));
      });
      expect(error?.reason).toBe("length-too-large");
      expect(error?.message).toMatch(/exceeds the maximum of \d+ bytes/);
      expect(largest).toBeLessThan(64 * 1024);
    });

    it("the same when the oversized prelude arrives one byte at a time after a good frame", () => {
      const seen: EventStreamMessage[] = [];
      const decoder = new EventStreamDecoder({ onMessage: (m) => seen.push(m) });
      let error: EventStreamDecodeError | undefined;
      const largest = largestAllocation(() => {
        decoder.feed(concatBytes([delta(0), prelude(DEFAULT_MAX_MESSAGE_LENGTH + 1, 0).subarray(0, 3)]));
        error = decodeError(() => {
          for (const b of byteByByte(prelude(DEFAULT_MAX_MESSAGE_LENGTH + 1, 0).subarray(3))) decoder.feed(b);
        });
      });
      expect(seen).toHaveLength(1);
      expect(error?.reason).toBe("length-too-large");
      expect(largest).toBeLessThan(64 * 1024);
    });

    it("honours maxMessageLength: a frame one byte over is rejected on its prelude, one at the limit decodes", () => {
      const frame = encodeEventStreamMessage({ headers: {}, payload: new Uint8Array(1000) });
      const atLimit = feedAll([frame], { maxMessageLength: frame.length });
      expect(atLimit.error).toBeNull();
      expect(atLimit.messages[0]!.payload).toHaveLength(1000);
      const decoder = new EventStreamDecoder({ maxMessageLength: frame.length - 1, onMessage: () => {} });
      const error = decodeError(() => decoder.feed(frame.subarray(0, 12)));
      expect(error.reason).toBe("length-too-large");
    });

    it("decodes a frame of exactly the default maximum (24 MiB payload + 128 KiB headers)", () => {
      const headerBytes = new Uint8Array(128 * 1024);
      // 128 KiB of headers: "h<i>" binary headers, padded to the exact size with one last header.
      let at = 0;
      let i = 0;
      while (128 * 1024 - at > 70000) {
        const name = new TextEncoder().encode(`h${i++}`);
        headerBytes[at++] = name.length;
        headerBytes.set(name, at);
        at += name.length;
        headerBytes[at++] = 6;
        headerBytes[at++] = 0xff;
        headerBytes[at++] = 0xff;
        at += 0xffff;
      }
      const rest = 128 * 1024 - at - 5; // name length, "z", type, u16 length
      headerBytes.set([1, 0x7a, 6, rest >> 8, rest & 0xff], at);
      const frame = rawFrame(headerBytes, new Uint8Array(24 * 1024 * 1024));
      expect(frame.length).toBe(DEFAULT_MAX_MESSAGE_LENGTH);
      const { messages, error } = feedAll(splitAt(frame, [5, 70000, 9_000_000]));
      expect(error).toBeNull();
      expect(messages[0]!.payload.length).toBe(24 * 1024 * 1024);
      expect(Object.keys(messages[0]!.headers)).toHaveLength(i + 1);
    });

    it("headers length larger than the frame → headers-length", () => {
      const total = 40;
      const frame = concatBytes([prelude(total, total - 15), new Uint8Array(total - 12)]);
      const { error } = feedAll([frame]);
      expect(error?.reason).toBe("headers-length");
      expect(feedAll([concatBytes([prelude(40, 0xffffffff), new Uint8Array(28)])]).error?.reason).toBe("headers-length");
    });
  });

  describe("truncation", () => {
    it("a stream that ends inside a frame, at any byte, is `truncated` and yields nothing of it", () => {
      const frame = delta(9);
      for (let cut = 1; cut < frame.length; cut++) {
        const { messages, error } = feedAll([frame.subarray(0, cut)]);
        expect(messages).toHaveLength(0);
        expect(error?.reason).toBe("truncated");
        expect(error?.message).toContain(`${cut} byte(s) received`);
        // Nothing was decoded: the request can be repeated whole, like an empty body.
        expect(error?.retryable).toBe(true);
      }
    });

    it("complete frames before the cut are delivered, then `truncated`, no longer retryable", () => {
      const stream = concatBytes([delta(0), delta(1), delta(2)]);
      const { messages, error } = feedAll(byteByByte(stream.subarray(0, stream.length - 1)));
      expect(messages).toHaveLength(2);
      expect(error?.reason).toBe("truncated");
      expect(error?.retryable).toBe(false);
    });

    it("an empty stream is fine", () => {
      expect(feedAll([])).toEqual({ messages: [], error: null });
    });
  });

  describe("corruption", () => {
    it("good frames before a corrupt one in the same chunk are delivered first", () => {
      const bad = flipBit(delta(2), 30);
      const { messages, error } = feedAll([concatBytes([delta(0), delta(1), bad, delta(3)])]);
      expect(messages).toHaveLength(2);
      expect(error?.reason).toBe("message-crc");
      expect(error?.message).toContain("Message checksum mismatch");
    });

    it("any single flipped bit of a frame is caught (prelude-crc, message-crc or a length error)", () => {
      const frame = delta(4);
      for (let i = 0; i < frame.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const { messages, error } = feedAll([flipBit(frame, i, bit)]);
          expect(messages).toHaveLength(0);
          expect(error).toBeInstanceOf(EventStreamDecodeError);
          expect(["prelude-crc", "message-crc", "truncated"]).toContain(error!.reason);
        }
      }
    });

    it("after an error the decoder stays failed with the same error", () => {
      const decoder = new EventStreamDecoder({ onMessage: () => {} });
      const first = decodeError(() => decoder.feed(flipBit(delta(0), 2)));
      expect(first.reason).toBe("prelude-crc");
      expect(decodeError(() => decoder.feed(delta(1)))).toBe(first);
      expect(decodeError(() => decoder.end())).toBe(first);
    });

    it.each([
      ["unknown header type 10", [1, 0x61, 10], "header-type"],
      ["unknown header type 255", [1, 0x61, 255], "header-type"],
      ["empty header name", [0, 0], "header-malformed"],
      ["name runs past the section", [9, 0x61, 0x62], "header-malformed"],
      ["name without a type byte", [1, 0x61], "header-malformed"],
      ["truncated byte value", [1, 0x61, 2], "header-malformed"],
      ["truncated short value", [1, 0x61, 3, 0], "header-malformed"],
      ["truncated integer value", [1, 0x61, 4, 0, 0, 0], "header-malformed"],
      ["truncated long value", [1, 0x61, 5, 0, 0, 0, 0, 0, 0, 0], "header-malformed"],
      ["truncated timestamp value", [1, 0x61, 8, 0, 0], "header-malformed"],
      ["truncated uuid value", [1, 0x61, 9, ...new Array(15).fill(0)], "header-malformed"],
      ["string length missing", [1, 0x61, 7, 0], "header-malformed"],
      ["string runs past the section", [1, 0x61, 7, 0, 5, 0x62], "header-malformed"],
      ["binary runs past the section", [1, 0x61, 6, 0xff, 0xff], "header-malformed"],
    ] as const)("malformed headers (%s) with valid CRCs → %s", (_, bytes, reason) => {
      const { messages, error } = feedAll([concatBytes([delta(0), rawFrame(new Uint8Array(bytes), new Uint8Array([1, 2, 3]))])]);
      expect(messages).toHaveLength(1);
      expect(error?.reason).toBe(reason);
    });

    it("decodes every header type with its exact value", () => {
      const headers = {
        t: { type: "boolean", value: true },
        f: { type: "boolean", value: false },
        b: { type: "byte", value: -128 },
        s: { type: "short", value: -32768 },
        i: { type: "integer", value: -(2 ** 31) },
        l: { type: "long", value: -(2n ** 63n) },
        L: { type: "long", value: 2n ** 63n - 1n },
        bin: { type: "binary", value: new Uint8Array([0, 255]) },
        str: { type: "string", value: "héllo 🙂" },
        ts: { type: "timestamp", value: new Date(-8.64e15) },
        ts2: { type: "timestamp", value: new Date(8.64e15) },
        u: { type: "uuid", value: "00ff10ab-0000-4000-8000-abcdefabcdef" },
      } as const;
      const { messages } = feedAll([encodeEventStreamMessage({ headers, payload: new Uint8Array(0) })]);
      expect(messages[0]!.headers).toEqual(headers);
    });
  });
});
