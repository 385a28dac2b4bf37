import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { GrowingText } from "./growing-text.js";

const pieces = (n: number): string[] => Array.from({ length: n }, (_, i) => ` word${i % 97}`);

describe("GrowingText", () => {
  it("returns exactly the concatenation, for short and long texts", () => {
    for (const n of [0, 1, 31, 32, 33, 1000, 20_000]) {
      const grow = new GrowingText();
      let text = "";
      for (const piece of pieces(n)) text = grow.append(text, piece);
      expect(text).toBe(pieces(n).join(""));
    }
  });

  it("handles empty pieces and non-ASCII text", () => {
    const grow = new GrowingText();
    let text = "";
    const parts = ["", "héllo", "", " 🌍", "日本語", ...pieces(100)];
    for (const piece of parts) text = grow.append(text, piece);
    expect(text).toBe(parts.join(""));
  });

  it("keeps 1,000 texts of 1,000 deltas near their size in memory (a plain += rope is several times bigger)", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const measure = (append: (text: string, piece: string, grow: GrowingText) => string): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept: string[] = [];
      for (let s = 0; s < 1000; s++) {
        const grow = new GrowingText();
        let text = "";
        for (const piece of pieces(1000)) text = append(text, piece, grow);
        kept.push(text);
      }
      gc();
      const used = process.memoryUsage().heapUsed - before;
      expect(kept[999]).toBe(pieces(1000).join(""));
      return used;
    };
    const rope = measure((text, piece) => text + piece);
    const grown = measure((text, piece, grow) => grow.append(text, piece));
    const chars = pieces(1000).join("").length * 1000;
    expect(grown).toBeLessThan(chars * 1.6);
    expect(rope).toBeGreaterThan(grown * 3);
  });
});
