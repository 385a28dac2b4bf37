import { describe, expect, it } from "vitest";
import { parseRequestUrl } from "./parse-request-url.js";

describe("parseRequestUrl", () => {
  it("gives the parts new URL gives, with the query decoded in order", () => {
    const url = "https://bedrock-runtime.us-east-1.amazonaws.com:8443/model/a%3Ab/converse-stream?x=1&y=%20two&x=3";
    const parsed = parseRequestUrl(url);
    const reference = new URL(url);
    expect(parsed).toEqual({
      protocol: reference.protocol,
      hostname: reference.hostname,
      host: reference.host,
      port: 8443,
      origin: reference.origin,
      pathname: "/model/a%3Ab/converse-stream",
      search: "?x=1&y=%20two&x=3",
      query: [
        ["x", "1"],
        ["y", " two"],
        ["x", "3"],
      ],
      signingQuery: { x: ["1", "3"], y: " two" },
      canonicalPath: "/model/a%253Ab/converse-stream",
    });
  });

  it("returns the same frozen record for the same URL, and no port for the scheme's default", () => {
    const a = parseRequestUrl("https://example.com/model/m/converse");
    expect(parseRequestUrl("https://example.com/model/m/converse")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.port).toBeUndefined();
    expect(parseRequestUrl("https://example.com:443/x").port).toBeUndefined();
  });

  it("throws new URL's TypeError for a URL that is not absolute, and caches nothing for it", () => {
    expect(() => parseRequestUrl("/model/m/converse")).toThrow(TypeError);
    expect(() => parseRequestUrl("/model/m/converse")).toThrow(TypeError);
  });

  it("keeps working past its size bound", () => {
    for (let i = 0; i < 200; i++) expect(parseRequestUrl(`https://h${i}.example.com/p`).hostname).toBe(`h${i}.example.com`);
  });
});
