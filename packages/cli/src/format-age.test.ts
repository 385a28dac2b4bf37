import { describe, expect, it } from "vitest";
import { formatAge } from "./format-age.js";

describe("formatAge", () => {
  it("picks the unit", () => {
    expect([0, 59_000, 60_000, 3_600_000, 12_000_000, 86_400_000, 90_000_000, -5].map(formatAge)).toEqual(["0 s", "59 s", "1 min", "1 h", "3 h 20 min", "1 d", "1 d 1 h", "0 s"]);
  });
});
