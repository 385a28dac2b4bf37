import { describe, expect, it } from "vitest";
import { STOP_REASON_CASES } from "./fixtures/converse-stream-frames.js";
import { mapStopReason } from "./map-stop-reason.js";

describe("mapStopReason", () => {
  it.each(STOP_REASON_CASES)("%s → %s", (raw, expected) => {
    expect(mapStopReason(raw)).toBe(expected);
  });

  it("maps unknown and missing values to stop (the raw value is kept by the caller)", () => {
    expect(mapStopReason("some_future_reason")).toBe("stop");
    expect(mapStopReason(undefined)).toBe("stop");
    expect(mapStopReason("toString")).toBe("stop");
  });
});
