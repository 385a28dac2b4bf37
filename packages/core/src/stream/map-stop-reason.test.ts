import { describe, expect, it } from "vitest";
import { mapStopReason } from "./map-stop-reason.js";

describe("mapStopReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "toolUse"],
    ["guardrail_intervened", "contentFilter"],
    ["content_filtered", "contentFilter"],
    ["malformed_model_output", "error"],
    ["malformed_tool_use", "error"],
  ] as const)("%s → %s", (raw, expected) => {
    expect(mapStopReason(raw)).toBe(expected);
  });

  it("maps unknown and missing values to stop (the raw value is kept by the caller)", () => {
    expect(mapStopReason("some_future_reason")).toBe("stop");
    expect(mapStopReason(undefined)).toBe("stop");
    expect(mapStopReason("toString")).toBe("stop");
  });
});
