import { describe, expect, it } from "vitest";
import { substituteEnv } from "./substitute-env.js";

describe("substituteEnv", () => {
  const env = { BEDROCK_KEY: "k-123", BASE: "https://bedrock.example", EMPTY: "", lower: "no" };

  it("replaces whole and inline references in string values, at any depth, leaving the input untouched", () => {
    const input = {
      models: { providers: { "amazon-bedrock": { apiKey: "${BEDROCK_KEY}", baseUrl: "${BASE}/v1", models: [{ id: "x", name: "${BASE} ${BEDROCK_KEY}" }] } } },
      n: 3,
      flag: true,
      none: null,
    };
    const { value, unresolved } = substituteEnv(input, env);
    expect(value).toEqual({
      models: { providers: { "amazon-bedrock": { apiKey: "k-123", baseUrl: "https://bedrock.example/v1", models: [{ id: "x", name: "https://bedrock.example k-123" }] } } },
      n: 3,
      flag: true,
      none: null,
    });
    expect(unresolved).toEqual([]);
    expect(input.models.providers["amazon-bedrock"].apiKey).toBe("${BEDROCK_KEY}");
  });

  it("leaves unset or empty variables visibly unresolved and reports them with their path", () => {
    const { value, unresolved } = substituteEnv({ a: { apiKey: "${MISSING}", b: ["x", "${EMPTY}/y"] } }, env);
    expect(value).toEqual({ a: { apiKey: "${MISSING}", b: ["x", "${EMPTY}/y"] } });
    expect(unresolved).toEqual([
      { path: "a.apiKey", name: "MISSING" },
      { path: "a.b[1]", name: "EMPTY" },
    ]);
  });

  it("keeps $${NAME} as a literal ${NAME}, and ignores lower-case or malformed names", () => {
    const { value, unresolved } = substituteEnv({ a: "$${BEDROCK_KEY}", b: "${lower}", c: "${1X}", d: "${ BASE }", e: "$BASE" }, env);
    expect(value).toEqual({ a: "${BEDROCK_KEY}", b: "${lower}", c: "${1X}", d: "${ BASE }", e: "$BASE" });
    expect(unresolved).toEqual([]);
  });

  it("never substitutes keys, and a value that is itself a reference is not expanded again", () => {
    const { value } = substituteEnv({ "${BASE}": "${NESTED}" }, { BASE: "b", NESTED: "${BASE}" });
    expect(value).toEqual({ "${BASE}": "${BASE}" });
  });

  it("copies __proto__ as a plain key instead of changing the prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": "${BASE}"}}') as Record<string, unknown>;
    const { value } = substituteEnv(input, env);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("resolves OpenClaw's env secret references ({ source: \"env\", id }), and only those", () => {
    const input = {
      a: { source: "env", provider: "default", id: "BEDROCK_KEY" },
      b: { source: "env", id: "MISSING" },
      c: { source: "file", provider: "vault", id: "/bedrock/key" },
      d: { source: "env", id: "BEDROCK_KEY", extra: 1 },
    };
    const { value, unresolved } = substituteEnv(input, env);
    expect(value).toEqual({ a: "k-123", b: { source: "env", id: "MISSING" }, c: input.c, d: input.d });
    expect(unresolved).toEqual([{ path: "b", name: "MISSING" }]);
  });
});
