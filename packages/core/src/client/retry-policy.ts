import { BedrockError } from "@streambed/transport";

/** How failed calls are retried. Retries happen only before the first event reaches the caller. */
export interface RetryOptions {
  /** Total attempts including the first. Default 3; 1 disables retries. */
  maxAttempts?: number;
  /** Base of the exponential backoff, in ms. Default 250. */
  baseDelayMs?: number;
  /** Cap of one wait, in ms (also caps a server's Retry-After). Default 20 000. */
  maxDelayMs?: number;
}

/** Retry settings with defaults applied. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Apply defaults; `false` means one attempt. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 };
  const maxAttempts = options?.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a whole number ≥ 1, got ${String(maxAttempts)}`);
  }
  return { maxAttempts, baseDelayMs: options?.baseDelayMs ?? 250, maxDelayMs: options?.maxDelayMs ?? 20_000 };
}

/** Whether `error` may succeed on another attempt. */
export function isRetryable(error: unknown): boolean {
  return error instanceof BedrockError && error.retryable;
}

/**
 * Wait before attempt `attempt + 1` (attempt counts from 1): exponential backoff with full jitter,
 * or the server's Retry-After when it asked for longer, both capped at `maxDelayMs`.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}
