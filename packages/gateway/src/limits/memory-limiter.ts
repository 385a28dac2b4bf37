import { windowOf, type LimitDecision, type LimitedKey, type RateLimiter } from "./rate-limiter.js";

interface Counts {
  window: number;
  requests: number;
  tokens: number;
}

/** A {@link RateLimiter} in this process's memory: right for one replica (with several, use Redis). */
export function createMemoryLimiter(options: { now?: () => number } = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const counts = new Map<string, Counts>();
  const current = (id: string, window: number): Counts => {
    let c = counts.get(id);
    if (!c || c.window !== window) {
      c = { window, requests: 0, tokens: 0 };
      counts.set(id, c);
    }
    return c;
  };
  return {
    async acquire(key: LimitedKey): Promise<LimitDecision> {
      const { window, remainingMs } = windowOf(now());
      const c = current(key.id, window);
      if (key.tpm !== undefined && c.tokens >= key.tpm) return { ok: false, limit: "tokens", retryAfterMs: remainingMs };
      if (key.rpm !== undefined && c.requests >= key.rpm) return { ok: false, limit: "requests", retryAfterMs: remainingMs };
      c.requests++;
      return { ok: true };
    },
    async record(key: LimitedKey, tokens: number): Promise<void> {
      if (tokens <= 0) return;
      current(key.id, windowOf(now()).window).tokens += tokens;
    },
  };
}
