import { describe, expect, it } from "vitest";
import { parseConfigPath } from "./config-path.js";
import { unknownConfigKey } from "./unknown-config-key.js";

const check = (path: string) => unknownConfigKey(parseConfigPath(path));

describe("unknownConfigKey", () => {
  it("finds a misspelt key in an object streambed owns, with the keys it takes", () => {
    expect(check("models.bedrockDiscovery.enabeld")).toEqual({
      parent: ["models", "bedrockDiscovery"],
      key: "enabeld",
      known: expect.arrayContaining(["enabled", "region", "providerFilter", "refreshInterval"]),
    });
    expect(check('models.providers["amazon-bedrock"].regoin')?.key).toBe("regoin");
    expect(check('models.providers["amazon-bedrock"].models[0].contextWindw')?.known).toContain("contextWindow");
    expect(check('models.providers["amazon-bedrock"].models[2].cost.outptu')?.known).toEqual(["input", "output", "cacheRead", "cacheWrite"]);
    expect(check("models.bedrockDiscovery.enabeld.deeper")?.key).toBe("enabeld");
  });
  it("accepts known keys, OpenClaw's keys and anything in the objects shared with OpenClaw", () => {
    for (const path of [
      "models.bedrockDiscovery.enabled",
      "models.bedrockDiscovery.providerFilter[0]",
      'models.providers["amazon-bedrock"].headers.X-Custom',
      'models.providers["amazon-bedrock"].authHeader',
      'models.providers["amazon-bedrock"].models[0].compat',
      'models.providers["amazon-bedrock"].models[0].cost.input',
      'models.providers["openai"].apiKey',
      "gateway.port",
      "agents.defaults.workspace",
      "agents.defaults.model.primary",
      "models.mode",
    ]) {
      expect(check(path), path).toBeUndefined();
    }
  });
});
