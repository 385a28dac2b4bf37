import { describe, expect, it } from "vitest";
import { BedrockError, NetworkError } from "@streambed/transport";
import { backoffDelayMs, isRetryable, resolveRetryPolicy } from "./retry-policy.js";

describe("resolveRetryPolicy", () => {
  it("defaults to 3 attempts with exponential backoff from 250 ms capped at 20 s", () => {
    expect(resolveRetryPolicy(undefined)).toEqual({ maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 20_000 });
  });
  it("false disables retries", () => {
    expect(resolveRetryPolicy(false).maxAttempts).toBe(1);
  });
  it("rejects a nonsensical attempt count with a message naming the option", () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/retry\.maxAttempts/);
    expect(() => resolveRetryPolicy({ maxAttempts: 1.5 })).toThrow(/whole number/);
  });
});

describe("backoffDelayMs", () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  it("uses full jitter: random() scales the exponential ceiling", () => {
    expect(backoffDelayMs(policy, 1, () => 0.5)).toBe(50);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(200);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
  });
  it("caps the ceiling at maxDelayMs", () => {
    expect(backoffDelayMs(policy, 10, () => 0.999)).toBe(999);
  });
  it("honours a longer Retry-After, still capped", () => {
    expect(backoffDelayMs(policy, 1, () => 0.1, 700)).toBe(700);
    expect(backoffDelayMs(policy, 1, () => 0.1, 60_000)).toBe(1000);
  });
});

describe("isRetryable", () => {
  it("follows the error's retryable flag and rejects foreign errors", () => {
    expect(isRetryable(new NetworkError("reset"))).toBe(true);
    expect(isRetryable(new BedrockError("x"))).toBe(false);
    expect(isRetryable(new Error("x"))).toBe(false);
  });
});
