import { describe, expect, it } from "vitest";
import { closestKey, unknownKeyError } from "./unknown-key-error.js";

describe("unknown config keys", () => {
  it("suggests the closest known key, or none when nothing is close", () => {
    expect(closestKey("enabeld", ["enabled", "region", "includeLegacy"])).toBe("enabled");
    expect(closestKey("Region", ["enabled", "region"])).toBe("region");
    expect(closestKey("contextWindw", ["contextWindow", "maxTokens"])).toBe("contextWindow");
    expect(closestKey("gateway", ["enabled", "region"])).toBeUndefined();
  });
  it("names the key, its object and the suggestion; checks keys inside an object value too", () => {
    expect(unknownKeyError(["models", "bedrockDiscovery", "enabeld"], true)?.message).toMatch(
      /^models\.bedrockDiscovery has no key "enabeld": did you mean `enabled`\? Its keys: enabled, region, /,
    );
    expect(unknownKeyError(["models", "bedrockDiscovery"], { enabled: true, refreshIntervall: 5 })?.message).toMatch(/no key "refreshIntervall": did you mean `refreshInterval`\?/);
    expect(unknownKeyError(["models", "bedrockDiscovery", "zzzzzzzzzz"], 1)?.message).toMatch(/no key "zzzzzzzzzz"\. Its keys: /);
    expect(unknownKeyError(["models", "bedrockDiscovery", "enabled"], true)).toBeUndefined();
    expect(unknownKeyError(["gateway"], { port: 1, anything: { at: "all" } })).toBeUndefined();
  });
});
