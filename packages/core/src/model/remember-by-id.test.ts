import { describe, expect, it } from "vitest";
import { rememberById } from "./remember-by-id.js";

describe("rememberById", () => {
  it("computes once per id, including an undefined result, and starts over when full", () => {
    const seen: string[] = [];
    const lookup = rememberById((id) => (seen.push(id), id === "none" ? undefined : id.length), 2);
    expect([lookup("ab"), lookup("ab"), lookup("none"), lookup("none")]).toEqual([2, 2, undefined, undefined]);
    expect(seen).toEqual(["ab", "none"]);
    lookup("abc"); // third id: the memory was full, so it is cleared first
    lookup("ab");
    expect(seen).toEqual(["ab", "none", "abc", "ab"]);
  });
});
