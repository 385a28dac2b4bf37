import { describe, expect, it } from "vitest";
import { authenticateNow } from "./authenticate.js";
import { constantTimeEqual, findKey, generateKey, hashKey, KEY_PREFIX } from "./gateway-key.js";

describe("gateway keys", () => {
  it("makes a 256-bit key, stores its SHA-256 and a short prefix, never the key", async () => {
    const { key, record } = await generateKey("team-a", { models: ["anthropic.*"], rpm: 60, tpm: 1000 }, new Date("2026-01-01T00:00:00Z"));
    expect(key).toMatch(/^sk-sb-[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({ id: expect.stringMatching(/^key_[0-9a-f]{12}$/), name: "team-a", hash: await hashKey(key), prefix: key.slice(0, KEY_PREFIX.length + 4), models: ["anthropic.*"], rpm: 60, tpm: 1000, created: "2026-01-01T00:00:00.000Z" });
    expect(JSON.stringify(record)).not.toContain(key.slice(10));
    expect(record.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("finds a key by its hash; compares equal lengths only when equal", async () => {
    const a = await generateKey("a");
    const b = await generateKey("b");
    expect(await findKey(b.key, [a.record, b.record])).toBe(b.record);
    expect(await findKey(`${b.key}x`, [a.record, b.record])).toBeUndefined();
    expect(constantTimeEqual("sha256:ab", "sha256:ab")).toBe(true);
    expect(constantTimeEqual("sha256:ab", "sha256:ac")).toBe(false);
    expect(constantTimeEqual("sha256:ab", "sha256:abc")).toBe(false);
  });

  it("authenticates Bearer keys: none → missing_api_key, unknown → invalid_api_key, never echoing it", async () => {
    const { key, record } = await generateKey("a");
    expect(authenticateNow(`Bearer ${key}`, [record])).toBe(record); // synchronous on Node: no await before the call
    expect(authenticateNow(`bearer   ${key} `, [record])).toBe(record);
    expect(() => authenticateNow(undefined, [record])).toThrow(expect.objectContaining({ status: 401, code: "missing_api_key" }));
    expect(() => authenticateNow(`Basic ${key}`, [record])).toThrow(expect.objectContaining({ status: 401, code: "missing_api_key" }));
    let wrong: unknown;
    try {
      authenticateNow("Bearer sk-sb-guess", [record]);
    } catch (error) {
      wrong = error;
    }
    expect(wrong).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect((wrong as Error).message).not.toContain("sk-sb-guess");
  });
});
