import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "@streambed/core";
import { loadConfigFile, maskSecretValues } from "./load-config-file.js";
import { secretValueSpans } from "./secret-value-spans.js";

const KEY = "ABSKQmVkcm9ja0FQSUtleS1zcGFucy0wMTIzNDU2Nzg5YWJjZGVm";
const values = (text: string) => secretValueSpans(text).map(([start, end]) => text.slice(start, end));

describe("secretValueSpans: secret values by the key as parsed, its parent, and the value's shape", () => {
  it("a key written with escapes is the key it parses to", () => {
    expect(values(`{ "api\\u004bey": "one-secret-value" }`)).toEqual(["one-secret-value"]);
    expect(values(`{ 'x-api\\u002dkey': 'two-secret-value' }`)).toEqual(["two-secret-value"]);
    expect(values(`{ api\\u004bey: "three-secret-value" }`)).toEqual(["three-secret-value"]);
    expect(values(`{ "session\\x54oken": "four-secret-value" }`)).toEqual(["four-secret-value"]);
    // …and a key that only looks like one when its escapes are not decoded is not one.
    expect(values(`{ "max\\u0054okens": "5", "region": "us-east-1" }`)).toEqual([]);
  });

  it("unquoted keys of any script, with combining marks and joiners, are whole identifiers", () => {
    // `apiKeyé` is one identifier (not `apiKey` then `é`): not a secret key, so its value stays.
    expect(values(`{ apiKey\u00e9: "one-secret-value" }`)).toEqual([]);
    expect(values(`{ apiKey: "three-secret-value", \u0915\u093f\u200d: "x" }`)).toEqual(["three-secret-value"]);
  });

  it("header values by the header's name: Authorization, x-api-key, *token*, *secret*", () => {
    const text = `{ models: { providers: { "amazon-bedrock": { headers: {
      Authorization: "Bearer x",            // even a short one
      'X-Api-Key': "k-1",
      "x-session-token-id": "t-1",
      "X-Client-Secret": "s-1",
      "anthropic-beta": "prompt-caching-2024-07-31",
    } } } } }`;
    expect(values(text)).toEqual(["Bearer x", "k-1", "t-1", "s-1"]);
    // An Authorization key outside a headers object is still a secret key; a *token* key is not.
    expect(values(`{ authorization: "a-1", "x-token-id": "b-1" }`)).toEqual(["a-1"]);
  });

  it("secret by shape at any key, and everything inside the value of a secret key", () => {
    expect(values(`{ note: "${KEY}", name: "Bearer ${KEY}", baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com" }`)).toEqual([KEY, `Bearer ${KEY}`]);
    expect(values(`{ apiKey: { source: "env", id: "MY_KEY" }, tokens: ["a"], secrets: ["b", { c: "d" }], botToken: ["e"] }`)).toEqual(["env", "MY_KEY", "e"]);
    expect(values(`[ "${KEY}", "plain" ]`)).toEqual([KEY]);
  });

  it("tolerates broken text: comments, missing commas, unterminated strings, no braces", () => {
    expect(values(`{ // apiKey: "not this"\n /* token: "nor this" */ apiKey: "yes" region: "x" }`)).toEqual(["yes"]);
    expect(values(`{\n  'sessionToken': 'unterminated-token-value\n}`)).toEqual(["unterminated-token-value"]);
    expect(values(`  maxTokens: 4096, apiKey: 'a\\'b', "bearerToken": "t", name: "n",`)).toEqual(["a\\'b", "t"]);
    expect(values(`apiKey: "x"}}}]] , password: "y"`)).toEqual(["x", "y"]);
    expect(values(`{ region: "us-east-1", maxTokens: "5" }`)).toEqual([]);
  });

  it("maskSecretValues keeps the length, so columns stay", () => {
    const text = `{ headers: { Authorization: "Bearer ${KEY}" }, "api\\u004bey": 'v' }`;
    const masked = maskSecretValues(text);
    expect(masked).toBe(`{ headers: { Authorization: "${"*".repeat(7 + KEY.length)}" }, "api\\u004bey": '*' }`);
    expect(masked.length).toBe(text.length);
  });
});

describe("a JSON5 syntax error's excerpt", () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "streambed-spans-"));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('hides the value of "api\\u004bey", of \'x-api\\u002dkey\' and of headers.Authorization on the broken line', async () => {
    const cases = [
      `{ models: { providers: { "amazon-bedrock": {\n  "api\\u004bey": "plain-escaped-key-1" x,\n} } } }\n`,
      `{ models: { providers: { "amazon-bedrock": { headers: {\n  'x-api\\u002dkey': 'plain-escaped-key-2' x,\n} } } } }\n`,
      `{ models: { providers: { "amazon-bedrock": { headers: {\n  Authorization: "Bearer plain-auth-3" x,\n} } } } }\n`,
      `{ note: "${KEY}" x }\n`,
    ];
    for (const [index, text] of cases.entries()) {
      const file = join(home, `case-${index}.json5`);
      await writeFile(file, text);
      const error = await loadConfigFile({ path: file }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, text).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message, text).toMatch(/invalid JSON5/);
      expect(message, text).toMatch(/\*{8,}/);
      for (const secret of ["plain-escaped-key-1", "plain-escaped-key-2", "plain-auth-3", KEY]) expect(message, text).not.toContain(secret.slice(0, 8));
    }
  });
});
