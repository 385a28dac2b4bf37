import { Redis, type RedisOptions } from "ioredis";
import { windowOf, type LimitDecision, type LimitedKey, type RateLimiter } from "../limits/rate-limiter.js";

/**
 * One atomic step per request: refuse when the window's tokens reached `tpm`, else count the
 * request and refuse (uncounting it) when that makes more than `rpm`. Both keys share the key id's
 * hash tag, so they live on one Redis Cluster slot. Returns {1} or {0, "requests"|"tokens"}.
 * KEYS: requests, tokens. ARGV: rpm (0 = none), tpm (0 = none), ttl ms.
 */
const ACQUIRE = `
local tpm = tonumber(ARGV[2])
if tpm > 0 and tonumber(redis.call('GET', KEYS[2]) or '0') >= tpm then return {0, 'tokens'} end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
local rpm = tonumber(ARGV[1])
if rpm > 0 and n > rpm then redis.call('DECR', KEYS[1]) return {0, 'requests'} end
return {1, ''}
`;

/** Adds a finished request's tokens to its window. KEYS: tokens. ARGV: tokens, ttl ms. */
const RECORD = `
local t = redis.call('INCRBY', KEYS[1], ARGV[1])
if t == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return t
`;

type LimiterRedis = Redis & {
  gatewayAcquire(requests: string, tokens: string, rpm: number, tpm: number, ttl: number): Promise<[number, string]>;
  gatewayRecord(tokens: string, n: number, ttl: number): Promise<number>;
};

/** Options of {@link createRedisLimiter}. */
export interface RedisLimiterOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Key prefix (default `streambed:gateway:`), to share a Redis with other apps. */
  prefix?: string;
  /** Longest wait for one Redis command, in ms (default 1000): past it the request gets a 503, never an unlimited pass. */
  commandTimeoutMs?: number;
  /**
   * Extra ioredis options (`RedisOptions`, given to `new Redis(url, options)`). Typed loosely on
   * purpose: naming ioredis's type here would load its declarations into every consumer's type
   * check, and they fail without `skipLibCheck` (ioredis's error classes import the untyped `redis-errors`).
   */
  redis?: Record<string, unknown>;
  now?: () => number;
}

/**
 * A {@link RateLimiter} in Redis: every replica pointed at the same Redis shares each key's
 * requests and tokens per minute. Each check is one Lua script (atomic: no two replicas can both
 * take the last request of a minute). Windows are clock minutes; counters expire after theirs.
 */
export function createRedisLimiter(options: RedisLimiterOptions): RateLimiter {
  const prefix = options.prefix ?? "streambed:gateway:";
  const now = options.now ?? Date.now;
  const redis = new Redis(options.url, {
    commandTimeout: options.commandTimeoutMs ?? 1000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
    ...(options.redis as RedisOptions | undefined),
  }) as LimiterRedis;
  // ioredis reports connection trouble as 'error' events; commands then fail within commandTimeout.
  redis.on("error", () => undefined);
  redis.defineCommand("gatewayAcquire", { numberOfKeys: 2, lua: ACQUIRE });
  redis.defineCommand("gatewayRecord", { numberOfKeys: 1, lua: RECORD });
  const keys = (id: string, window: number): [string, string] => [`${prefix}{${id}}:${window}:requests`, `${prefix}{${id}}:${window}:tokens`];
  return {
    async acquire(key: LimitedKey): Promise<LimitDecision> {
      const { window, remainingMs } = windowOf(now());
      const [requests, tokens] = keys(key.id, window);
      const [ok, limit] = await redis.gatewayAcquire(requests, tokens, key.rpm ?? 0, key.tpm ?? 0, remainingMs + 5_000);
      if (ok === 1) return { ok: true };
      return { ok: false, limit: limit === "tokens" ? "tokens" : "requests", retryAfterMs: remainingMs };
    },
    async record(key: LimitedKey, n: number): Promise<void> {
      if (n <= 0) return;
      const { window, remainingMs } = windowOf(now());
      await redis.gatewayRecord(keys(key.id, window)[1], n, remainingMs + 5_000);
    },
    async ready(): Promise<void> {
      await redis.ping();
    },
    async close(): Promise<void> {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
