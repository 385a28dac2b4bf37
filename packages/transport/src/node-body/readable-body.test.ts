import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readableBody, type ReadableBody } from "./readable-body.js";

const mapError = (error: unknown) => Object.assign(new Error(`mapped: ${(error as Error).message}`), { original: error });
const bytes = (text: string) => new TextEncoder().encode(text);

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  for await (const chunk of body) text += new TextDecoder().decode(chunk);
  return text;
}

describe("readableBody", () => {
  it("yields the chunks in order as they arrive, then ends, and destroys the finished body", async () => {
    const stream = new Readable({ read() {} });
    const iterable = readableBody(stream as unknown as ReadableBody, mapError);
    const done = collect(iterable);
    stream.push(bytes("one "));
    setTimeout(() => {
      stream.push(bytes("two"));
      stream.push(null);
    }, 5);
    expect(await done).toBe("one two");
    expect(stream.destroyed).toBe(true);
  });

  it("throws the body's error through mapError, after the chunks before it", async () => {
    const stream = new Readable({ read() {} });
    const it = readableBody(stream as unknown as ReadableBody, mapError)[Symbol.asyncIterator]();
    stream.push(bytes("a"));
    expect(new TextDecoder().decode((await it.next()).value as Uint8Array)).toBe("a");
    const next = it.next();
    stream.destroy(new Error("socket reset"));
    await expect(next).rejects.toThrow("mapped: socket reset");
  });

  it("reports a body closed before its end without an error as Node's premature close", async () => {
    const stream = new Readable({ read() {}, emitClose: true, autoDestroy: true });
    // A stream whose destroy emits no error: only 'close'.
    const it = readableBody(stream as unknown as ReadableBody, mapError)[Symbol.asyncIterator]();
    const next = it.next();
    stream.destroy();
    const error = (await next.catch((e: unknown) => e)) as { original: { code: string; message: string } };
    expect(error.original.code).toBe("ERR_STREAM_PREMATURE_CLOSE");
    expect(error.original.message).toBe("Premature close");
  });

  it("return() destroys an unfinished body; an error it emits then is handled", async () => {
    const stream = new Readable({
      read() {},
      destroy(_error, callback) {
        callback(new Error("aborted by return"));
      },
    });
    const it = readableBody(stream as unknown as ReadableBody, mapError)[Symbol.asyncIterator]();
    stream.push(bytes("x"));
    await it.next();
    expect(await it.return!()).toEqual({ done: true, value: undefined });
    expect(stream.destroyed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5)); // an unhandled 'error' would fail the test run
  });

  it("ends at once for an empty body", async () => {
    const stream = Readable.from([], { objectMode: false });
    expect(await collect(readableBody(stream as unknown as ReadableBody, mapError))).toBe("");
  });
});
