import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { guardedChildEnv } from "../../../../scripts/test-guard/child-env.mjs";
import { generateKey } from "../keys/gateway-key.js";
import { redisPolicy, startRedis, type TestRedis } from "../test-support/redis-server.js";
import { createRedisLimiter } from "./redis-limiter.js";

const policy = redisPolicy();
const PROCESS = fileURLToPath(new URL("../test-support/gateway-process.ts", import.meta.url));
/** The middle of a minute: every replica's limiter reads this clock. */
const NOW = Date.UTC(2026, 0, 1, 12, 0, 30);

let redis: TestRedis;

beforeAll(async () => {
  if (!policy.skip) redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe.skipIf(policy.skip)("createRedisLimiter (real redis-server)", () => {
  it("counts requests atomically: 50 at once against rpm 10 let exactly 10 through", async () => {
    const limiter = createRedisLimiter({ url: redis.url, now: () => NOW, prefix: "t1:" });
    try {
      await limiter.ready!();
      const key = { id: "key_aaaaaa", rpm: 10 };
      const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.acquire(key)));
      expect(decisions.filter((d) => d.ok)).toHaveLength(10);
      expect(decisions.find((d) => !d.ok)).toEqual({ ok: false, limit: "requests", retryAfterMs: 30_000 });
    } finally {
      await limiter.close?.();
    }
  });

  it("refuses once a window's tokens reach tpm, and starts again in the next minute", async () => {
    let now = NOW;
    const limiter = createRedisLimiter({ url: redis.url, now: () => now, prefix: "t2:" });
    try {
      const key = { id: "key_bbbbbb", tpm: 100 };
      expect(await limiter.acquire(key)).toEqual({ ok: true });
      await limiter.record(key, 120);
      expect(await limiter.acquire(key)).toMatchObject({ ok: false, limit: "tokens" });
      now += 60_000;
      expect(await limiter.acquire(key)).toEqual({ ok: true });
    } finally {
      await limiter.close?.();
    }
  });

  it("fails within its command timeout when Redis is gone (the gateway answers 503, never an unlimited pass)", async () => {
    const limiter = createRedisLimiter({ url: "redis://127.0.0.1:9", commandTimeoutMs: 300, redis: { retryStrategy: () => null, enableOfflineQueue: false } });
    try {
      await expect(limiter.ready!()).rejects.toThrow();
      await expect(limiter.acquire({ id: "key_cccccc", rpm: 1 })).rejects.toThrow();
    } finally {
      await limiter.close?.();
    }
  });
});

describe.skipIf(policy.skip)("two gateway processes sharing one Redis", () => {
  let emulator: RunningEmulator;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS] });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : (c.once("exit", resolve), c.kill("SIGTERM"))))));
    await emulator?.close();
  });

  async function replica(keys: unknown[]): Promise<string> {
    const child = spawn(process.execPath, ["--import", "tsx", PROCESS], {
      env: guardedChildEnv({ PATH: process.env.PATH ?? "", GW_EMULATOR_URL: emulator.url, GW_REDIS_URL: redis.url, GW_KEYS: JSON.stringify(keys), GW_NOW: String(NOW) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (out += d));
    return new Promise((resolve, reject) => {
      child.stdout!.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        const m = /listening (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`replica exited (${code}): ${out}`)));
    });
  }

  const ask = (url: string, key: string) =>
    fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "us.anthropic.claude-sonnet-4-6", messages: [{ role: "user", content: "shared limits" }] }),
    });

  it("enforce one key's requests per minute together, and its tokens per minute", async () => {
    const requests = await generateKey("shared-rpm", { rpm: 6 });
    const tokens = await generateKey("shared-tpm", { tpm: 1 });
    const [a, b] = await Promise.all([replica([requests.record, tokens.record]), replica([requests.record, tokens.record])]);
    // 12 requests spread over both replicas, half at once: exactly 6 pass in the shared minute.
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(i % 2 === 0 ? a : b, requests.key)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    const refused = answers.find((r) => r.status === 429)!;
    expect(await refused.json()).toMatchObject({ error: { type: "requests", code: "rate_limit_exceeded" } });
    expect(Number(refused.headers.get("retry-after"))).toBe(30);
    await Promise.all(answers.filter((r) => !r.bodyUsed).map((r) => r.body?.cancel()));
    // Tokens: the first answer on A uses the key's minute of tokens; B then refuses it.
    expect((await ask(a, tokens.key)).status).toBe(200);
    await vi.waitFor(async () => {
      const res = await ask(b, tokens.key);
      expect(res.status).toBe(429);
      expect(await res.json()).toMatchObject({ error: { type: "tokens" } });
    }, { timeout: 5000, interval: 100 });
  });
});
