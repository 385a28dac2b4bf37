import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closePartialJson, parsePartialJson } from "./parse-partial-json.js";

describe("parsePartialJson", () => {
  it("parses complete objects exactly", () => {
    expect(parsePartialJson('{"a":1,"b":[true,null,"x"],"c":{"d":-2.5e3}}')).toEqual({ a: 1, b: [true, null, "x"], c: { d: -2500 } });
  });

  it.each([
    ["", {}],
    ["   ", {}],
    ["{", {}],
    ['{"ci', {}],
    ['{"city"', {}],
    ['{"city":', {}],
    ['{"city": "Par', { city: "Par" }],
    ['{"city": "Paris", ', { city: "Paris" }],
    ['{"city": "Paris", "days": 1', { city: "Paris" }],
    ['{"city": "Paris", "days": 12,', { city: "Paris", days: 12 }],
    ['{"ok": tr', {}],
    ['{"ok": true', { ok: true }],
    ['{"n": null}', { n: null }],
    ['{"list": [1, 2', { list: [1] }],
    ['{"list": ["a", "b', { list: ["a", "b"] }],
    ['{"o": {"p": {"q": "deep', { o: { p: { q: "deep" } } }],
    ['{"o": {"p": {}', { o: { p: {} } }],
    ['{"s": "line\\', { s: "line" }],
    ['{"s": "a\\"b', { s: 'a"b' }],
    ['{"s": "\\u00', { s: "" }],
    ['{"s": "x\\u00e9', { s: "xé" }],
    ['{"s": "back\\\\', { s: "back\\" }],
    ['{"s": "é', { s: "é" }],
  ])("closes %j", (text, expected) => {
    expect(parsePartialJson(text)).toEqual(expected);
  });

  it("returns {} for non-objects and garbage, never throwing", () => {
    expect(parsePartialJson("[1,2]")).toEqual({});
    expect(parsePartialJson('"str"')).toEqual({});
    expect(parsePartialJson("42")).toEqual({});
    expect(parsePartialJson("not json")).toEqual({});
    expect(parsePartialJson('{"a": 1.2.3}')).toEqual({});
    expect(parsePartialJson(undefined as unknown as string)).toEqual({});
  });

  it("keeps what came before a syntax error in the middle", () => {
    expect(parsePartialJson('{"a": 1, "b": ?')).toEqual({ a: 1 });
  });

  it("every prefix of any JSON object parses without throwing to a value that never has more keys than the full object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), (obj) => {
        const text = JSON.stringify(obj, null, 1);
        for (let i = 0; i <= text.length; i++) {
          const partial = parsePartialJson(text.slice(0, i));
          expect(typeof partial).toBe("object");
          for (const key of Object.keys(partial)) expect(Object.prototype.hasOwnProperty.call(obj, key)).toBe(true);
        }
        expect(parsePartialJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 100 },
    );
  });

  it("complete string values in a prefix equal the final ones", () => {
    const full = { path: "/tmp/a.txt", content: "hello \"world\"\n\u00e9\ud83d\ude00", mode: "w" };
    const text = JSON.stringify(full);
    for (let i = 0; i <= text.length; i++) {
      const partial = parsePartialJson(text.slice(0, i)) as Record<string, string>;
      for (const [key, value] of Object.entries(partial)) expect(full[key as keyof typeof full].startsWith(value)).toBe(true);
    }
  });

  it("closePartialJson adds exactly the missing quote and brackets", () => {
    expect(closePartialJson('{"a": [{"b": "c')).toBe('{"a": [{"b": "c"}]}');
    expect(closePartialJson("nothing")).toBeUndefined();
  });
});
