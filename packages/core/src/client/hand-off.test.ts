import { describe, expect, it } from "vitest";
import { handOff } from "./hand-off.js";

async function* gen<T>(items: T[], log: string[]): AsyncGenerator<T, void, undefined> {
  try {
    for (const item of items) yield item;
  } finally {
    log.push("items closed");
  }
}

/** A start function like the client's `open`: takes the first item of `items`, counts its calls. */
function starter(items: number[], log: string[], fail?: Error) {
  return async () => {
    log.push("start");
    if (fail) throw fail;
    const it = gen(items, log);
    return { first: await it.next(), items: it };
  };
}

describe("handOff", () => {
  it("starts on the first next(), gives the first item, then the rest from items", async () => {
    const log: string[] = [];
    const it = handOff(starter([1, 2, 3], log));
    expect(log).toEqual([]);
    const got: number[] = [];
    for await (const x of it) got.push(x);
    expect(got).toEqual([1, 2, 3]);
    expect(log).toEqual(["start", "items closed"]);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it("return() before the first next() ends it without starting; after, it returns the items", async () => {
    const log: string[] = [];
    const unstarted = handOff(starter([1], log));
    expect(await unstarted.return()).toEqual({ done: true, value: undefined });
    expect(await unstarted.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual([]);

    const started = handOff(starter([1, 2, 3], log));
    for await (const x of started) if (x === 1) break;
    expect(log).toEqual(["start", "items closed"]);
  });

  it("a start failure rejects the first next(); the iterator is then done", async () => {
    const log: string[] = [];
    const it = handOff(starter([1], log, new Error("refused")));
    await expect(it.next()).rejects.toThrow("refused");
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual(["start"]);
  });

  it("calls made while starting wait for the start and come out in order", async () => {
    const log: string[] = [];
    const it = handOff(starter([1, 2, 3], log));
    const results = await Promise.all([it.next(), it.next(), it.next(), it.next()]);
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, undefined]);
    expect(log).toEqual(["start", "items closed"]);
  });

  it("throw() before starting rejects with the error and ends it", async () => {
    const log: string[] = [];
    const it = handOff(starter([1], log));
    await expect(it.throw(new Error("stop"))).rejects.toThrow("stop");
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual([]);
  });
});
