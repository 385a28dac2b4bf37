import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { describe, expect, it } from "vitest";
import { signingDates } from "./sign-date.js";

/** smithy's own formatting, for comparison. */
const smithy = new SignatureV4({ service: "bedrock", region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, sha256: Sha256 }) as unknown as {
  formatDate(now: Date): { longDate: string; shortDate: string };
};

describe("signingDates", () => {
  it("matches smithy's formatDate over years, months, days and times of day", () => {
    const dates = ["2026-01-02T03:04:05.678Z", "2026-12-31T23:59:59.999Z", "2000-02-29T00:00:00Z", "1000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"].map((d) => new Date(d));
    for (let i = 0; i < 2000; i++) dates.push(new Date(Date.UTC(1000, 0, 1) + Math.floor(Math.random() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)))));
    for (const date of dates) expect(signingDates(date)).toEqual(smithy.formatDate(date));
  });

  it("leaves to smithy what its fields would not write the same way", () => {
    expect(signingDates(new Date(Number.NaN))).toBeUndefined();
    expect(signingDates(new Date("0999-12-31T00:00:00Z"))).toBeUndefined();
    expect(signingDates(new Date(Date.UTC(10000, 0, 1)))).toBeUndefined();
    expect(signingDates(1767322800)).toBeUndefined();
    expect(signingDates("2026-01-02T03:04:05Z")).toBeUndefined();
  });
});
