import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/client-errors.js";
import { formatConfigPath, getConfigPath, parseConfigPath, setConfigPath, unsetConfigPath } from "./config-path.js";

const base = {
  gateway: { port: 1 },
  models: {
    providers: { "amazon-bedrock": { baseUrl: "https://x.example", models: [{ id: "a" }, { id: "b" }] }, other: { keep: true } },
  },
};

describe("parseConfigPath / formatConfigPath", () => {
  it("reads dots, quoted brackets and indexes", () => {
    expect(parseConfigPath('models.providers["amazon-bedrock"].models[0].id')).toEqual(["models", "providers", "amazon-bedrock", "models", 0, "id"]);
    expect(parseConfigPath("models.providers['amazon-bedrock']")).toEqual(["models", "providers", "amazon-bedrock"]);
    expect(parseConfigPath('a["x.y"]')).toEqual(["a", "x.y"]);
  });

  it("round-trips", () => {
    const path = 'models.providers["amazon-bedrock"].models[3].cost.input';
    expect(formatConfigPath(parseConfigPath(path))).toBe(path);
  });

  it.each(["", "a..b", ".a", "a.", "a[x]", 'a["b', "a[0]b", "a.__proto__.x", "a.[0]"])("rejects %j", (path) => {
    expect(() => parseConfigPath(path)).toThrow(ConfigError);
  });
});

describe("getConfigPath", () => {
  it("returns values and undefined for missing steps", () => {
    expect(getConfigPath(base, 'models.providers["amazon-bedrock"].baseUrl')).toBe("https://x.example");
    expect(getConfigPath(base, 'models.providers["amazon-bedrock"].models[1].id')).toBe("b");
    expect(getConfigPath(base, "models.nothing.here")).toBeUndefined();
    expect(getConfigPath(base, "gateway.port.deeper")).toBeUndefined();
    expect(getConfigPath(undefined, "a")).toBeUndefined();
    expect(getConfigPath(base, "models.toString")).toBeUndefined();
  });
});

describe("setConfigPath", () => {
  it("returns a new object, leaves the input and unrelated keys untouched", () => {
    const before = structuredClone(base);
    const next = setConfigPath(base, "models.bedrockDiscovery.refreshInterval", 600) as typeof base & {
      models: { bedrockDiscovery: { refreshInterval: number } };
    };
    expect(base).toEqual(before);
    expect(next.models.bedrockDiscovery.refreshInterval).toBe(600);
    expect(next.gateway).toBe(base.gateway);
    expect(next.models.providers).toBe(base.models.providers);
  });

  it("creates parents: objects for keys, arrays for indexes", () => {
    expect(setConfigPath(undefined, 'models.providers["amazon-bedrock"].models[0].id', "m")).toEqual({
      models: { providers: { "amazon-bedrock": { models: [{ id: "m" }] } } },
    });
  });

  it("replaces array items in place", () => {
    const next = setConfigPath(base, 'models.providers["amazon-bedrock"].models[1].id', "c");
    expect(getConfigPath(next, 'models.providers["amazon-bedrock"].models')).toEqual([{ id: "a" }, { id: "c" }]);
  });

  it("refuses to descend through a scalar", () => {
    expect(() => setConfigPath(base, "gateway.port.x", 1)).toThrow(/gateway\.port is a number/);
    expect(() => setConfigPath(base, 'models.providers["amazon-bedrock"].models.x', 1)).toThrow(/is an array/);
  });
});

describe("unsetConfigPath", () => {
  it("removes a key and keeps everything else", () => {
    const next = unsetConfigPath(base, 'models.providers["amazon-bedrock"].baseUrl');
    expect(next).toEqual({
      gateway: { port: 1 },
      models: { providers: { "amazon-bedrock": { models: [{ id: "a" }, { id: "b" }] }, other: { keep: true } } },
    });
    expect(getConfigPath(base, 'models.providers["amazon-bedrock"].baseUrl')).toBe("https://x.example");
  });

  it("removes array items", () => {
    expect(getConfigPath(unsetConfigPath(base, 'models.providers["amazon-bedrock"].models[0]'), 'models.providers["amazon-bedrock"].models')).toEqual([
      { id: "b" },
    ]);
  });

  it("is a no-op for missing paths", () => {
    expect(unsetConfigPath(base, "models.nope.deeper")).toEqual(base);
    expect(unsetConfigPath(base, "gateway.port.deeper")).toEqual(base);
  });
});
