import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Crc32 } from "../types.js";
import { fuzzDecoder } from "./fuzz-decoder.js";

describe("decoder fuzzing (small run; FUZZ_COUNT=1000000 npx tsx src/event-stream/fuzz/main.ts for the full one)", () => {
  it("3,000 structure-aware cases end only in messages or EventStreamDecodeError, identically for every chunking", async () => {
    const report = await fuzzDecoder({ count: 3000, seed: 20240601, crc32: zlibCrc32 as Crc32 });
    expect(report.cases).toBe(3000);
    // The generator reaches every outcome: clean streams and each kind of rejection.
    expect(report.clean).toBeGreaterThan(300);
    expect(report.messages).toBeGreaterThan(1000);
    for (const reason of ["prelude-crc", "message-crc", "truncated", "length-too-small", "length-too-large", "headers-length", "header-type", "header-malformed"]) {
      expect(report.errors[reason as keyof typeof report.errors], reason).toBeGreaterThan(0);
    }
  });

  it("is reproducible: the same seed gives the same report", async () => {
    const a = await fuzzDecoder({ count: 300, seed: 7 });
    const b = await fuzzDecoder({ count: 300, seed: 7 });
    expect(b).toEqual(a);
  });
});
