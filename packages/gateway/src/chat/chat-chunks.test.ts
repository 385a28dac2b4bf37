import { describe, expect, it } from "vitest";
import { jsonString } from "./chat-chunks.js";

describe("jsonString", () => {
  it("equals JSON.stringify for plain, escaped, control, unicode and lone-surrogate text", () => {
    for (const s of ["plain words", 'quote " here', "back\\slash", "line\nbreak\ttab", "\u0000\u001f", "ünïcødé 漢字 😀", "\u2028\u2029", "\ud800 lone", ""]) {
      expect(JSON.parse(jsonString(s))).toBe(s);
      if (!/[\ud800-\udfff]/.test(s)) expect(jsonString(s)).toBe(JSON.stringify(s));
    }
  });
});
