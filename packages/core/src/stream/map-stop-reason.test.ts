import { describe, expect, it } from "vitest";
import { STOP_REASON_CASES } from "./fixtures/converse-stream-frames.js";
import { applyStopReason, mapStopReason, stopReasonErrorMessage } from "./map-stop-reason.js";

describe("mapStopReason", () => {
  it.each(STOP_REASON_CASES)("%s → %s", (raw, expected) => {
    expect(mapStopReason(raw)).toBe(expected);
  });

  it("maps unknown and missing values to other, never to stop (the raw value is kept by the caller)", () => {
    expect(mapStopReason("some_future_reason")).toBe("other");
    expect(mapStopReason(undefined)).toBe("other");
    expect(mapStopReason("toString")).toBe("other");
  });

  it("explains abnormal ends on the message, and only those", () => {
    const message: Parameters<typeof applyStopReason>[0] = {};
    applyStopReason(message, "refusal");
    expect(message).toMatchObject({ stopReason: "refusal", rawStopReason: "refusal" });
    expect(message.errorMessage).toMatch(/declined to answer/);
    const future: Parameters<typeof applyStopReason>[0] = {};
    applyStopReason(future, "pause_turn");
    expect(future).toMatchObject({ stopReason: "other", rawStopReason: "pause_turn" });
    expect(future.errorMessage).toContain("pause_turn");
    expect(stopReasonErrorMessage("other", undefined)).toMatch(/no stop reason/);
    expect(stopReasonErrorMessage("stop", "end_turn")).toBeUndefined();
    expect(stopReasonErrorMessage("length", "max_tokens")).toBeUndefined();
  });
});
