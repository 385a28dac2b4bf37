import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { GrowingText } from "./growing-text.js";

const pieces = (n: number): string[] => Array.from({ length: n }, (_, i) => ` word${i % 97}`);

function attached(): { content: { type: "text"; text: string }; grow: GrowingText } {
  const content = { type: "text" as const, text: "" };
  const grow = new GrowingText();
  grow.attach(content, "text");
  return { content, grow };
}

describe("GrowingText", () => {
  it("is exactly the concatenation, for short and long texts, read at the end", () => {
    for (const n of [0, 1, 255, 256, 257, 1000, 20_000]) {
      const { content, grow } = attached();
      for (const piece of pieces(n)) grow.append(piece);
      expect(content.text).toBe(pieces(n).join(""));
      expect(grow.value).toBe(pieces(n).join(""));
    }
  });

  it("is exact whenever it is read while pieces arrive (partial messages)", () => {
    const { content, grow } = attached();
    let expected = "";
    for (const [i, piece] of pieces(3000).entries()) {
      grow.append(piece);
      expected += piece;
      if (i % 7 === 0 || i > 2900) expect(content.text).toBe(expected);
    }
    expect(JSON.parse(JSON.stringify(content))).toEqual({ type: "text", text: expected });
    expect({ ...content }).toEqual({ type: "text", text: expected });
    expect(structuredClone(content)).toEqual({ type: "text", text: expected });
    expect(Object.keys(content)).toEqual(["type", "text"]);
  });

  it("handles empty pieces and non-ASCII text", () => {
    const { content, grow } = attached();
    const parts = ["", "héllo", "", " 🌍", "日本語", ...pieces(600)];
    for (const piece of parts) grow.append(piece);
    expect(content.text).toBe(parts.join(""));
  });

  it("starts from the property's value, and a write replaces the text", () => {
    const content = { type: "text" as const, text: "start:" };
    const grow = new GrowingText();
    grow.attach(content, "text");
    grow.append("a");
    expect(content.text).toBe("start:a");
    content.text = "reset";
    grow.append("b");
    expect(content.text).toBe("resetb");
  });

  it("attaches the same accessor functions to every text, and reads through a Proxy or an inheriting object", () => {
    const a = attached();
    const b = attached();
    a.grow.append("a");
    b.grow.append("b");
    const da = Object.getOwnPropertyDescriptor(a.content, "text")!;
    const db = Object.getOwnPropertyDescriptor(b.content, "text")!;
    expect(da.get).toBe(db.get);
    expect(da.set).toBe(db.set);
    expect([a.content.text, b.content.text]).toEqual(["a", "b"]);
    const proxy = new Proxy(b.content, {});
    expect(proxy.text).toBe("b");
    expect((Object.create(b.content) as { text: string }).text).toBe("b");
    proxy.text = "reset";
    b.grow.append("!");
    expect([a.content.text, b.content.text]).toEqual(["a", "reset!"]);
    expect(Object.keys(b.content)).toEqual(["type", "text"]);
  });

  it("settle() leaves no trace of the attachment but the text", () => {
    const { content, grow } = attached();
    grow.append("done");
    grow.settle();
    expect(Reflect.ownKeys(content)).toEqual(["type", "text"]);
  });

  it("settle() leaves a plain data property with the whole text", () => {
    const { content, grow } = attached();
    for (const piece of pieces(300)) grow.append(piece);
    grow.settle();
    const descriptor = Object.getOwnPropertyDescriptor(content, "text")!;
    expect(descriptor.get).toBeUndefined();
    expect(descriptor).toMatchObject({ value: pieces(300).join(""), writable: true, enumerable: true, configurable: true });
    grow.append("ignored after settle");
    expect(content.text).toBe(pieces(300).join(""));
  });

  it("keeps 1,000 texts of 1,000 deltas near their size in memory (a plain += rope is several times bigger)", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const measure = (grow: (list: string[]) => string): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept: string[] = [];
      for (let s = 0; s < 1000; s++) kept.push(grow(pieces(1000)));
      gc();
      const used = process.memoryUsage().heapUsed - before;
      expect(kept[999]).toBe(pieces(1000).join(""));
      return used;
    };
    const rope = measure((list) => {
      let text = "";
      for (const piece of list) text += piece;
      return text;
    });
    const grown = measure((list) => {
      const { content, grow } = attached();
      for (const piece of list) grow.append(piece);
      grow.settle();
      return content.text;
    });
    const chars = pieces(1000).join("").length * 1000;
    expect(grown).toBeLessThan(chars * 1.6);
    expect(rope).toBeGreaterThan(grown * 3);
  });

  it("a caller reading the text after every piece still gets it flat enough (memory stays near the size)", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: string[] = [];
    for (let s = 0; s < 300; s++) {
      const { content, grow } = attached();
      for (const piece of pieces(1000)) {
        grow.append(piece);
        void content.text.length;
      }
      kept.push(content.text);
    }
    gc();
    const used = process.memoryUsage().heapUsed - before;
    expect(kept[299]).toBe(pieces(1000).join(""));
    expect(used).toBeLessThan(pieces(1000).join("").length * 300 * 2);
  });

  describe("track()", () => {
    function tracked(start = ""): { content: { type: "text"; text: string }; grow: GrowingText } {
      const content = { type: "text" as const, text: start };
      const grow = new GrowingText();
      grow.track(content, "text");
      return { content, grow };
    }

    it("is exactly the concatenation, read while pieces arrive and at the end, before and after it attaches", () => {
      for (const n of [0, 1, 15, 16, 17, 300]) {
        const { content, grow } = tracked("start:");
        let expected = "start:";
        for (const piece of pieces(n)) {
          grow.append(piece);
          expected += piece;
          expect(content.text).toBe(expected);
          expect(grow.value).toBe(expected);
        }
        expect(Object.keys(content)).toEqual(["type", "text"]);
        expect({ ...content }).toEqual({ type: "text", text: expected });
        grow.settle();
        expect(Object.getOwnPropertyDescriptor(content, "text")).toEqual({ value: expected, writable: true, enumerable: true, configurable: true });
        expect(Object.getOwnPropertySymbols(content)).toEqual([]);
      }
    });

    it("stays a plain property for its first pieces and becomes an accessor from the 16th", () => {
      const { content, grow } = tracked();
      for (let i = 0; i < 15; i++) grow.append("x");
      expect(Object.getOwnPropertyDescriptor(content, "text")).toHaveProperty("value", "x".repeat(15));
      grow.append("y");
      expect(Object.getOwnPropertyDescriptor(content, "text")?.get).toBeTypeOf("function");
      expect(content.text).toBe(`${"x".repeat(15)}y`);
    });

    it("a write replaces the text, before and after it attaches", () => {
      const { content, grow } = tracked();
      grow.append("a");
      content.text = "reset";
      grow.append("b");
      expect(content.text).toBe("resetb");
      for (let i = 0; i < 20; i++) grow.append("c");
      content.text = "again";
      grow.append("d");
      expect(content.text).toBe("againd");
      grow.settle();
      grow.append("ignored after settle");
      expect(content.text).toBe("againd");
    });

    it("settle() before it attached leaves the text as it is, and later pieces are ignored", () => {
      const { content, grow } = tracked();
      grow.append("a");
      grow.settle();
      grow.append("ignored after settle");
      expect(content).toEqual({ type: "text", text: "a" });
    });
  });
});
