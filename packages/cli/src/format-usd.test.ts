import { describe, expect, it } from "vitest";
import { formatPrice, formatUsd } from "./format-usd.js";

describe("formatUsd", () => {
  it("rounds for people: two significant digits under $1, cents from $1", () => {
    expect(formatUsd(0.000054)).toBe("$0.000054");
    expect(formatUsd(0.00005412345678)).toBe("$0.000054");
    expect(formatUsd(0.000051000000000000004)).toBe("$0.000051");
    expect(formatUsd(0.0123456)).toBe("$0.012");
    expect(formatUsd(0.5)).toBe("$0.5");
    expect(formatUsd(3.756)).toBe("$3.76");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(Number.NaN)).toBe("?");
  });
  it("prices per million tokens without noise", () => {
    expect([formatPrice(3), formatPrice(0.25), formatPrice(1.25), formatPrice(0.1 + 0.2)]).toEqual(["$3", "$0.25", "$1.25", "$0.3"]);
  });
});
