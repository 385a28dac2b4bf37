import { describe, expect, it } from "vitest";
import { EventStreamDecodeError } from "../errors/transport-errors.js";
import { crc32 as jsCrc } from "./crc32.js";
import { decodeEventStream } from "./decode-event-stream.js";
import { chunkSource, concatBytes, decodeAll } from "./test-support/feed.js";
import { eventFrame, flipBit } from "./test-support/frames.js";
import type { EventStreamMessage } from "./types.js";

const delta = (i: number) => eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: `t${i}` } });
const eventType = (m: EventStreamMessage) => m.headers[":event-type"]?.value;
const text = (m: EventStreamMessage) => JSON.parse(new TextDecoder().decode(m.payload)).delta.text as string;

describe("decodeEventStream", () => {
  it("yields every frame of every chunk, in order", async () => {
    const stream = concatBytes(Array.from({ length: 50 }, (_, i) => delta(i)));
    const { messages, error } = await decodeAll([stream.subarray(0, 1000), stream.subarray(1000, 1001), stream.subarray(1001)]);
    expect(error).toBeNull();
    expect(messages.map(text)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
    expect(messages.every((m) => eventType(m) === "contentBlockDelta")).toBe(true);
  });

  it("yields the good frames of a chunk before throwing on a corrupt one in the same chunk", async () => {
    const chunk = concatBytes([delta(0), delta(1), flipBit(delta(2), 40), delta(3)]);
    const got: string[] = [];
    const error = await (async () => {
      try {
        for await (const m of decodeEventStream(chunkSource([chunk]))) got.push(text(m));
      } catch (e) {
        return e;
      }
    })();
    expect(got).toEqual(["t0", "t1"]);
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    expect((error as EventStreamDecodeError).reason).toBe("message-crc");
  });

  it("yields the good frames before a corrupt prelude that arrives in a later chunk", async () => {
    const { messages, error } = await decodeAll([concatBytes([delta(0), delta(1)]), flipBit(delta(2), 1)]);
    expect(messages.map(text)).toEqual(["t0", "t1"]);
    expect(error?.reason).toBe("prelude-crc");
  });

  it("throws `truncated` after the last complete frame when the body stops inside a frame", async () => {
    const stream = concatBytes([delta(0), delta(1)]);
    const { messages, error } = await decodeAll([stream.subarray(0, stream.length - 3)]);
    expect(messages.map(text)).toEqual(["t0"]);
    expect(error?.reason).toBe("truncated");
    expect(error?.message).toMatch(/ended inside a frame/);
  });

  it("returns the source (releasing the connection) when the consumer stops early", async () => {
    const source = chunkSource([delta(0), delta(1), delta(2)]);
    for await (const m of decodeEventStream(source)) {
      expect(text(m)).toBe("t0");
      break;
    }
    expect(source.returned).toBe(true);
  });

  it("returns the source when a decode error ends the stream, and is done afterwards", async () => {
    const source = chunkSource([delta(0), flipBit(delta(1), 2), delta(2)]);
    const it = decodeEventStream(source);
    expect(text((await it.next()).value as EventStreamMessage)).toBe("t0");
    await expect(it.next()).rejects.toMatchObject({ reason: "prelude-crc" });
    expect(source.returned).toBe(true);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it("serves concurrent next() calls in order, one frame each, like an async generator", async () => {
    const stream = concatBytes(Array.from({ length: 6 }, (_, i) => delta(i)));
    const it = decodeEventStream(chunkSource([stream.subarray(0, 100), stream.subarray(100, 101), stream.subarray(101)]));
    const results = await Promise.all(Array.from({ length: 8 }, () => it.next()));
    expect(results.map((r) => (r.done ? "done" : text(r.value)))).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "done", "done"]);
  });

  it("return() before the first next() never opens the source; after it, next() is done", async () => {
    let opened = false;
    const source = {
      [Symbol.asyncIterator]() {
        opened = true;
        return chunkSource([delta(0)])[Symbol.asyncIterator]();
      },
    };
    const it = decodeEventStream(source);
    expect(await it.return()).toEqual({ value: undefined, done: true });
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(opened).toBe(false);
  });

  it("throw() returns the source and rejects with the given error", async () => {
    const source = chunkSource([delta(0), delta(1)]);
    const it = decodeEventStream(source);
    await it.next();
    const reason = new Error("consumer gave up");
    await expect(it.throw(reason)).rejects.toBe(reason);
    expect(source.returned).toBe(true);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it("is its own async iterator", () => {
    const it = decodeEventStream(chunkSource([]));
    expect(it[Symbol.asyncIterator]()).toBe(it);
  });

  it("passes an error of the source through unchanged", async () => {
    const boom = new Error("socket reset");
    async function* failing() {
      yield delta(0);
      throw boom;
    }
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const m of decodeEventStream(failing())) got.push(text(m));
      })(),
    ).rejects.toBe(boom);
    expect(got).toEqual(["t0"]);
  });

  it("honours maxMessageLength and crc32 options", async () => {
    const frame = delta(0);
    let calls = 0;
    const { error } = await decodeAll([frame], { maxMessageLength: frame.length - 1 });
    expect(error?.reason).toBe("length-too-large");
    const big = eventFrame("contentBlockDelta", { text: "x".repeat(5000) });
    const counting = await decodeAll([big], {
      crc32: (data, initial) => {
        calls++;
        return jsCrc(data, initial);
      },
    });
    expect(counting.error).toBeNull();
    expect(calls).toBeGreaterThan(0); // large frames go through the injected CRC
  });
});
