import { describe, expect, it } from "vitest";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { EventStreamDecoder } from "./event-stream-decoder.js";
import { byteByByte, concatBytes, feedAll, splitAt } from "./test-support/feed.js";
import { eventFrame, flipBit } from "./test-support/frames.js";
import type { EventStreamMessage } from "./types.js";

const text = (m: EventStreamMessage) => new TextDecoder().decode(m.payload);
const delta = (i: number) => eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: `token ${i}` } });

describe("EventStreamDecoder", () => {
  it("decodes several frames from one chunk, in order, with views into the chunk (no copy)", () => {
    const frames = [delta(0), delta(1), delta(2)];
    const chunk = concatBytes(frames);
    const { messages, error } = feedAll([chunk]);
    expect(error).toBeNull();
    expect(messages.map(text)).toEqual([0, 1, 2].map((i) => JSON.stringify({ contentBlockIndex: 0, delta: { text: `token ${i}` } })));
    for (const m of messages) expect(m.payload.buffer).toBe(chunk.buffer);
    expect(messages[0]!.headers).toEqual({
      ":event-type": { type: "string", value: "contentBlockDelta" },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    });
  });

  it("decodes a frame split at every possible pair of points", () => {
    const frame = delta(7);
    for (let a = 0; a <= frame.length; a++) {
      for (let b = a; b <= frame.length; b += 5) {
        const { messages, error } = feedAll(splitAt(frame, [a, b]));
        expect(error).toBeNull();
        expect(messages).toHaveLength(1);
        expect(text(messages[0]!)).toContain("token 7");
      }
    }
  });

  it("keeps every payload view valid after later chunks (frames straddling chunks are copied once)", () => {
    const frames = Array.from({ length: 400 }, (_, i) => delta(i));
    const stream = concatBytes(frames);
    // Chunks of 37 bytes: almost every frame straddles two or more chunks; over 16 KiB of frames.
    const chunks = splitAt(stream, Array.from({ length: Math.ceil(stream.length / 37) }, (_, i) => i * 37));
    const seen: EventStreamMessage[] = [];
    const decoder = new EventStreamDecoder({ onMessage: (m) => seen.push(m) });
    for (const chunk of chunks) decoder.feed(chunk);
    decoder.end();
    expect(seen).toHaveLength(400);
    // Every frame here straddles chunks, so every payload lives in the decoder's own memory:
    // scribbling over the caller's chunks must not matter, and no later frame may have
    // overwritten an earlier one.
    for (const chunk of chunks) chunk.fill(0);
    seen.forEach((m, i) => expect(text(m)).toBe(JSON.stringify({ contentBlockIndex: 0, delta: { text: `token ${i}` } })));
  });

  it("decodes 1 MiB frames in any chunk size (checksummed incrementally as chunks arrive)", () => {
    const payload = new Uint8Array(1 << 20);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) & 0xff;
    const frame = encodeEventStreamMessage({ headers: { ":event-type": { type: "string", value: "chunk" } }, payload });
    const stream = concatBytes([frame, frame]);
    for (const size of [1000, 16 * 1024, 16 * 1024 + 1, 64 * 1024, 1 << 20, stream.length]) {
      const chunks = splitAt(stream, Array.from({ length: Math.ceil(stream.length / size) }, (_, i) => i * size));
      const { messages, error } = feedAll(chunks);
      expect(error, `${size}-byte chunks`).toBeNull();
      expect(messages).toHaveLength(2);
      // (Buffer.compare: vitest's deep equality walks 1 MiB arrays element by element, slowly.)
      for (const m of messages) expect(Buffer.compare(m.payload, payload), `${size}-byte chunks`).toBe(0);
    }
  });

  it("catches a corrupted byte anywhere in a 1 MiB frame, before or after an incremental CRC step", () => {
    const frame = encodeEventStreamMessage({ headers: {}, payload: new Uint8Array(1 << 20).fill(7) });
    for (const at of [12, 16 * 1024 - 1, 16 * 1024, 300_000, frame.length - 5, frame.length - 1]) {
      const bad = flipBit(frame, at, 3);
      const chunks = splitAt(bad, Array.from({ length: 64 }, (_, i) => i * 16 * 1024 + 5));
      const { messages, error } = feedAll(chunks);
      expect(messages).toHaveLength(0);
      expect(error?.reason, `byte ${at}`).toBe("message-crc");
    }
  });

  it("isolates messages: mutating one message's headers never changes another's", () => {
    const frame = encodeEventStreamMessage({
      headers: {
        ":event-type": { type: "string", value: "contentBlockDelta" },
        when: { type: "timestamp", value: new Date(1_700_000_000_000) },
        n: { type: "integer", value: 5 },
      },
      payload: new Uint8Array([1]),
    });
    const seen: EventStreamMessage[] = [];
    const decoder = new EventStreamDecoder({ onMessage: (m) => seen.push(m) });
    decoder.feed(frame);
    const first = seen[0]!;
    (first.headers[":event-type"] as { value: string }).value = "changed";
    (first.headers.when!.value as Date).setTime(0);
    first.headers.extra = { type: "boolean", value: true };
    decoder.feed(frame);
    decoder.feed(frame);
    for (const m of seen.slice(1)) {
      expect(m.headers).toEqual({
        ":event-type": { type: "string", value: "contentBlockDelta" },
        when: { type: "timestamp", value: new Date(1_700_000_000_000) },
        n: { type: "integer", value: 5 },
      });
    }
    expect(seen[1]!.headers.when!.value).not.toBe(seen[2]!.headers.when!.value);
  });

  it("gives binary header values as views of their own frame", () => {
    const frame = (n: number) =>
      encodeEventStreamMessage({ headers: { blob: { type: "binary", value: new Uint8Array([n, n, n]) } }, payload: new Uint8Array(0) });
    const { messages } = feedAll([frame(1), frame(2)]);
    expect(messages.map((m) => m.headers.blob!.value)).toEqual([new Uint8Array([1, 1, 1]), new Uint8Array([2, 2, 2])]);
  });

  it("keeps a __proto__ header as an own property, without touching the prototype", () => {
    const headers = {};
    Object.defineProperty(headers, "__proto__", { value: { type: "string", value: "x" }, enumerable: true });
    const frame = encodeEventStreamMessage({ headers, payload: new Uint8Array(0) });
    const { messages } = feedAll([frame, frame]);
    for (const m of messages) {
      expect(Object.getPrototypeOf(m.headers)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(m.headers, "__proto__")?.value).toEqual({ type: "string", value: "x" });
    }
  });

  it("reports pendingBytes while a frame is incomplete", () => {
    const frame = delta(1);
    const decoder = new EventStreamDecoder({ onMessage: () => {} });
    expect(decoder.pendingBytes).toBe(0);
    decoder.feed(frame.subarray(0, 5));
    expect(decoder.pendingBytes).toBe(5);
    decoder.feed(frame.subarray(5, 40));
    expect(decoder.pendingBytes).toBe(40);
    decoder.feed(frame.subarray(40));
    expect(decoder.pendingBytes).toBe(0);
    decoder.end();
  });

  it("accepts empty chunks anywhere", () => {
    const frame = delta(3);
    const empty = new Uint8Array(0);
    const { messages, error } = feedAll([empty, frame.subarray(0, 3), empty, frame.subarray(3), empty]);
    expect(error).toBeNull();
    expect(messages).toHaveLength(1);
  });

});

describe("EventStreamDecoder shareHeaders", () => {
  const decodeWith = (shareHeaders: boolean, frames: Uint8Array[]): EventStreamMessage[] => {
    const out: EventStreamMessage[] = [];
    const decoder = new EventStreamDecoder({ shareHeaders, onMessage: (m) => out.push(m) });
    decoder.feed(concatBytes(frames));
    decoder.end();
    return out;
  };
  const frames = [
    eventFrame("contentBlockDelta", { delta: { text: "a" } }),
    eventFrame("contentBlockDelta", { delta: { text: "b" } }),
    eventFrame("contentBlockDelta", { delta: { text: "c" } }),
    eventFrame("contentBlockStop", {}),
    eventFrame("contentBlockStop", {}),
  ];

  it("hands repeats of the same header bytes one frozen object, equal to what a fresh decode gives", () => {
    const shared = decodeWith(true, frames);
    const fresh = decodeWith(false, frames);
    expect(shared.map((m) => m.headers)).toEqual(fresh.map((m) => m.headers));
    expect(shared[1]!.headers).toBe(shared[2]!.headers);
    expect(Object.isFrozen(shared[1]!.headers)).toBe(true);
    expect(Object.isFrozen(shared[1]!.headers[":event-type"])).toBe(true);
    // New header bytes start over: a fresh decode, then one shared object for its repeats.
    expect(shared[3]!.headers).not.toBe(shared[2]!.headers);
    expect(shared[3]!.headers[":event-type"]?.value).toBe("contentBlockStop");
    expect(shared[4]!.headers[":event-type"]?.value).toBe("contentBlockStop");
    expect(() => {
      "use strict";
      (shared[2]!.headers as Record<string, unknown>)[":event-type"] = "changed";
    }).toThrow(TypeError);
  });

  it("is off by default: every frame gets its own headers object", () => {
    const fresh = decodeWith(false, frames);
    expect(fresh[1]!.headers).not.toBe(fresh[2]!.headers);
    expect(Object.isFrozen(fresh[2]!.headers)).toBe(false);
  });
});

describe("EventStreamDecoder input and shared slab", () => {
  const json = (who: string, i: number) => JSON.stringify({ contentBlockIndex: 0, delta: { text: `${who} ${i}` } });
  const frame = (who: string, i: number) => eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: `${who} ${i}` } });

  it("decodes a Node Buffer, handing out plain Uint8Array payload views", async () => {
    const { Buffer } = await import("node:buffer");
    const bytes = concatBytes([frame("x", 1), frame("x", 2), frame("x", 3)]);
    const chunk = Buffer.concat([Buffer.from([9, 9]), Buffer.from(bytes)]).subarray(2); // an offset view into a bigger buffer
    const { messages, error } = feedAll([chunk]);
    expect(error).toBeNull();
    expect(messages.map(text)).toEqual([1, 2, 3].map((i) => json("x", i)));
    for (const m of messages) expect(m.payload.constructor).toBe(Uint8Array);
  });

  it("two decoders assembling straddling frames at once never share a byte", () => {
    const got: Record<"a" | "b", EventStreamMessage[]> = { a: [], b: [] };
    const a = new EventStreamDecoder({ onMessage: (m) => got.a.push(m) });
    const b = new EventStreamDecoder({ onMessage: (m) => got.b.push(m) });
    const ids = Array.from({ length: 200 }, (_, i) => i);
    const bytesA = byteByByte(concatBytes(ids.map((i) => frame("a", i))));
    const bytesB = byteByByte(concatBytes(ids.map((i) => frame("b", i))));
    // Interleaved byte by byte: every frame straddles chunks, so both decoders take regions of the one slab.
    for (let i = 0; i < Math.max(bytesA.length, bytesB.length); i++) {
      if (i < bytesA.length) a.feed(bytesA[i]!);
      if (i < bytesB.length) b.feed(bytesB[i]!);
    }
    a.end();
    b.end();
    // Checked after both finished: a payload overwritten by the other decoder would show here.
    expect(got.a.map(text)).toEqual(ids.map((i) => json("a", i)));
    expect(got.b.map(text)).toEqual(ids.map((i) => json("b", i)));
  });
});
