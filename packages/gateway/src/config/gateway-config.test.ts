import { describe, expect, it } from "vitest";
import { generateKey } from "../keys/gateway-key.js";
import { parseGatewayConfig } from "./gateway-config.js";

describe("parseGatewayConfig", () => {
  it("reads keys and settings; no section means no keys", async () => {
    const { record } = await generateKey("team-a", { models: ["anthropic.*"], rpm: 60, tpm: 200_000 });
    expect(parseGatewayConfig({ gateway: { keys: [record], remoteImages: { maxBytes: 1000 } } })).toEqual({ keys: [record], remoteImages: { maxBytes: 1000 } });
    expect(parseGatewayConfig({})).toEqual({ keys: [], remoteImages: false });
  });

  it("refuses a bad value, an unknown setting, a key stored in clear and a duplicate id, naming the path and file", async () => {
    const { record } = await generateKey("team-a");
    const bad = (raw: unknown) => {
      try {
        parseGatewayConfig(raw, "/tmp/c.json5");
      } catch (error) {
        return error as { name: string; path: string; message: string };
      }
      throw new Error("accepted");
    };
    expect(bad({ gateway: { keys: [{ ...record, rpm: 0 }] } })).toMatchObject({ name: "ConfigError", path: "gateway.keys[0].rpm" });
    expect(bad({ gateway: { keys: [{ ...record, rpm: 0 }] } }).message).toContain("/tmp/c.json5");
    expect(bad({ gateway: { keys: [{ ...record, hash: "sk-sb-plaintext" }] } }).message).toContain("stored hashed");
    expect(bad({ gateway: { port: 1 } })).toMatchObject({ path: "gateway.port", message: expect.stringContaining("not a gateway setting") });
    expect(bad({ gateway: { keys: [record, { ...record }] } }).path).toBe("gateway.keys[1].id");
  });
});
