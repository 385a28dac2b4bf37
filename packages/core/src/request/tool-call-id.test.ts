import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normaliseToolCallId } from "./tool-call-id.js";

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

describe("normaliseToolCallId", () => {
  it("keeps ids Bedrock already accepts", () => {
    for (const id of ["tooluse_abc123", "call-1", "a", "x".repeat(64)]) expect(normaliseToolCallId(id)).toBe(id);
  });

  it("maps invalid ids to a readable prefix plus a fixed hash", () => {
    const id = normaliseToolCallId("call_abc|fc_123.x");
    expect(id).toMatch(/^call_abc_fc_123_x_[0-9a-f]{16}$/);
    expect(normaliseToolCallId("call_abc|fc_123.x")).toBe(id);
  });

  it("hashes ids longer than 64 characters, keeping 64 at most", () => {
    const long = "a".repeat(65);
    const id = normaliseToolCallId(long);
    expect(id).toHaveLength(64);
    expect(id).toMatch(VALID);
    expect(id).not.toBe(normaliseToolCallId("a".repeat(66)));
  });

  it("gives the empty id a valid one", () => {
    expect(normaliseToolCallId("")).toMatch(VALID);
  });

  it("keeps ids distinct that only differ in invalid characters", () => {
    expect(normaliseToolCallId("a.b")).not.toBe(normaliseToolCallId("a:b"));
    expect(normaliseToolCallId("a.b")).not.toBe("a_b");
  });

  it("always returns a valid id, is deterministic and idempotent", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (raw) => {
        const id = normaliseToolCallId(raw);
        expect(id).toMatch(VALID);
        expect(normaliseToolCallId(raw)).toBe(id);
        expect(normaliseToolCallId(id)).toBe(id);
      }),
    );
  });
});
