/** A key's limits, as the limiter sees them. */
export interface LimitedKey {
  id: string;
  /** Requests per minute (absent: none). */
  rpm?: number;
  /** Tokens per minute (absent: none). */
  tpm?: number;
}

/** Whether a request may go ahead; when not, which limit and how long to wait. */
export type LimitDecision = { ok: true } | { ok: false; limit: "requests" | "tokens"; retryAfterMs: number };

/**
 * Requests and tokens per minute per key, in fixed one-minute windows (aligned to the clock, so
 * every replica agrees on the window). `acquire` counts the request, or refuses it when the key
 * already made `rpm` requests or used `tpm` tokens this minute; `record` adds a finished request's
 * tokens (known only at the end, so one request may take a key past `tpm`: the next is refused).
 */
export interface RateLimiter {
  acquire(key: LimitedKey): Promise<LimitDecision>;
  record(key: LimitedKey, tokens: number): Promise<void>;
  /** Resolves once the limiter can answer (Redis reached), else rejects: a server checks it before listening. */
  ready?(): Promise<void>;
  close?(): Promise<void>;
}

/** The one-minute window `now` is in, and the milliseconds left in it. */
export function windowOf(now: number): { window: number; remainingMs: number } {
  const window = Math.floor(now / 60_000);
  return { window, remainingMs: (window + 1) * 60_000 - now };
}

/** Whether a key has any limit at all (no limit: the limiter is not asked). */
export function hasLimits(key: LimitedKey): boolean {
  return key.rpm !== undefined || key.tpm !== undefined;
}
