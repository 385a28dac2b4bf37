import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextDeltaReader } from "./read-text-delta.js";

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);

/** What the full path computes: JSON.parse, then the text and index if it is exactly a text delta. */
function reference(b: Uint8Array): { text: string; index: number } | undefined {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(b));
  } catch {
    return undefined;
  }
  const o = v as { contentBlockIndex?: unknown; delta?: { text?: unknown } };
  if (typeof o?.delta?.text !== "string" || typeof o.contentBlockIndex !== "number") return undefined;
  return { text: o.delta.text, index: o.contentBlockIndex };
}

describe("TextDeltaReader", () => {
  it("reads Bedrock's text delta, with and without the p padding", () => {
    const r = new TextDeltaReader();
    expect(r.read(bytes('{"contentBlockIndex":0,"delta":{"text":"Hello"},"p":"abcdefghij"}'))).toBe("Hello");
    expect(r.index).toBe(0);
    expect(r.read(bytes('{"contentBlockIndex":12,"delta":{"text":" world"}}'))).toBe(" world");
    expect(r.index).toBe(12);
    expect(r.read(bytes('{"contentBlockIndex":1,"delta":{"text":""},"p":"x"}'))).toBe("");
  });

  it("decodes escapes and non-ASCII text exactly as JSON.parse does", () => {
    const r = new TextDeltaReader();
    for (const text of ['line\nbreak "quoted" \\ tab\t', "héllo wörld ✓ 🎉", "\u0000\u001f", "\\u0041"]) {
      const payload = bytes(JSON.stringify({ contentBlockIndex: 3, delta: { text }, p: "abc" }));
      expect(r.read(payload)).toBe(text);
      expect(r.index).toBe(3);
    }
  });

  it("returns undefined for every other shape, so the caller parses in full", () => {
    const r = new TextDeltaReader();
    for (const s of [
      '{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\\"a\\":1}"}},"p":"ab"}',
      '{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"hm"}}}',
      '{"delta":{"text":"Hi"},"contentBlockIndex":0}',
      '{"contentBlockIndex": 0,"delta":{"text":"Hi"}}',
      '{"contentBlockIndex":0,"delta":{"text":"Hi","extra":1}}',
      '{"contentBlockIndex":0,"delta":{"text":"Hi"},"delta":{"text":"other"}}',
      '{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"a\\"b"}',
      '{"contentBlockIndex":01,"delta":{"text":"Hi"}}',
      '{"contentBlockIndex":-1,"delta":{"text":"Hi"}}',
      '{"contentBlockIndex":1234567890,"delta":{"text":"Hi"}}',
      '{"contentBlockIndex":0,"delta":{"text":"Hi"}} ',
      '{"contentBlockIndex":0,"delta":{"text":"Hi"}',
      '{"contentBlockIndex":0,"delta":{"text":"raw\ncontrol"}}',
      '{"contentBlockIndex":0,"delta":{"text":"bad \\x escape"}}',
      "",
    ]) {
      expect(r.read(bytes(s)), s).toBeUndefined();
    }
  });

  it("equals JSON.parse on every generated text delta", () => {
    const r = new TextDeltaReader();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat({ max: 999_999_999 }), fc.option(fc.string({ unit: "grapheme-ascii" })), (text, index, p) => {
        const payload = bytes(JSON.stringify(p === null ? { contentBlockIndex: index, delta: { text } } : { contentBlockIndex: index, delta: { text }, p }));
        const got = r.read(payload);
        // The padding may contain a quote or backslash (escaped): then the reader declines.
        if (p !== null && /["\\\x00-\x1f]/.test(p)) expect(got === undefined || got === text).toBe(true);
        else {
          expect(got).toBe(text);
          expect(r.index).toBe(index);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never disagrees with JSON.parse on corrupted payloads: same answer or undefined", () => {
    const r = new TextDeltaReader();
    fc.assert(
      fc.property(fc.string(), fc.nat({ max: 1000 }), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (text, index, at, byte, cut) => {
        const good = bytes(JSON.stringify({ contentBlockIndex: index, delta: { text }, p: "abcd" }));
        const bad = cut ? good.slice(0, at % (good.length + 1)) : good.slice();
        if (!cut) bad[at % bad.length] = byte;
        const got = r.read(bad);
        if (got !== undefined) {
          const want = reference(bad);
          expect(want).toBeDefined();
          expect(got).toBe(want!.text);
          expect(r.index).toBe(want!.index);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("reads a payload in place, b[start, end) of a larger buffer, exactly as the payload alone", () => {
    const r = new TextDeltaReader();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat({ max: 99 }), fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (text, index, before, after) => {
        const payload = bytes(JSON.stringify({ contentBlockIndex: index, delta: { text }, p: "abc" }));
        const all = new Uint8Array(before.length + payload.length + after.length);
        all.set(before, 0);
        all.set(payload, before.length);
        all.set(after, before.length + payload.length);
        expect(r.read(all, before.length, before.length + payload.length)).toBe(r.read(payload));
        expect(r.read(payload)).toBe(text);
      }),
      { numRuns: 1000 },
    );
    // A payload cut short by `end` is not read past it.
    const payload = bytes('{"contentBlockIndex":0,"delta":{"text":"Hi"}}');
    expect(r.read(payload, 0, payload.length - 1)).toBeUndefined();
  });
});
