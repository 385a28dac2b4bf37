import { describe, expect, it } from "vitest";
import { ClientPool } from "./client-pool.js";
import { settingsKey } from "./client-settings.js";

describe("ClientPool", () => {
  it("one client per settings; the least recently used is forgotten beyond eight", async () => {
    const pool = new ClientPool({ config: false, discoveryCache: "memory" });
    const a = pool.get({ region: "us-east-1" });
    expect(pool.get({ region: "us-east-1" })).toBe(a);
    expect(pool.get({ region: "us-west-2" })).not.toBe(a);
    for (let i = 0; i < 8; i++) pool.get({ region: "eu-west-1", maxAttempts: i + 1 });
    expect(pool.get({ region: "us-east-1" })).not.toBe(a);
    await pool.close();
  });

  it("settings name the client: a Bedrock API key, timeouts and retries each make their own", async () => {
    expect(settingsKey({ region: "r", bearerToken: "a" })).not.toBe(settingsKey({ region: "r", bearerToken: "b" }));
    expect(settingsKey({ region: "r", firstByteMs: 5 })).not.toBe(settingsKey({ region: "r" }));
    const pool = new ClientPool({ config: false, discoveryCache: "memory", region: "us-east-1" });
    expect((await pool.get({ region: "eu-central-1" }).settings()).region).toBe("eu-central-1");
    expect((await pool.get({}).settings()).region).toBe("us-east-1");
    expect((await pool.get({ bearerToken: "bedrock-api-key-x" }).credentials.describe()).kind).toBe("bearer");
    expect((await pool.get({ skipAuth: true }).credentials.describe()).source).toBe("explicit");
    await pool.close();
  });
});
