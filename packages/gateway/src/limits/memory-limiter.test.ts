import { describe, expect, it } from "vitest";
import { createMemoryLimiter } from "./memory-limiter.js";

describe("createMemoryLimiter", () => {
  it("counts requests per clock minute and says how long to wait", async () => {
    let now = Date.UTC(2026, 0, 1, 0, 0, 45);
    const limiter = createMemoryLimiter({ now: () => now });
    const key = { id: "key_a", rpm: 2 };
    expect(await limiter.acquire(key)).toEqual({ ok: true });
    expect(await limiter.acquire(key)).toEqual({ ok: true });
    expect(await limiter.acquire(key)).toEqual({ ok: false, limit: "requests", retryAfterMs: 15_000 });
    expect(await limiter.acquire({ id: "key_b", rpm: 2 })).toEqual({ ok: true });
    now += 15_000;
    expect(await limiter.acquire(key)).toEqual({ ok: true });
  });

  it("refuses once the minute's tokens reach tpm (a refused request is not counted)", async () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 10);
    const limiter = createMemoryLimiter({ now: () => now });
    const key = { id: "key_c", rpm: 10, tpm: 100 };
    expect(await limiter.acquire(key)).toEqual({ ok: true });
    await limiter.record(key, 99);
    expect(await limiter.acquire(key)).toEqual({ ok: true });
    await limiter.record(key, 1);
    expect(await limiter.acquire(key)).toMatchObject({ ok: false, limit: "tokens", retryAfterMs: 50_000 });
  });
});
