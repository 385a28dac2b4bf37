import { describe, expect, it } from "vitest";
import { createSecretRedactor } from "./secret-redactor.js";
import { secretEncodings } from "./secret-encodings.js";
import { redactValues } from "./redact-values.js";

const TOKEN = "IQoJb3JpZ2luX2VjE/aK+zS9/Qm3Lp0Xw7t+Uv/5hRjN8cYeB2dGfT4kW6oPqA1sZ/xM9nLb7VcH3==";
const KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYREDACTOR1";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const b64url = (text: string) => Buffer.from(text).toString("base64url");

/** Every 8-character window of `text` that is also one of `secret`'s. */
function leftover(text: string, secret: string): string[] {
  const windows = new Set<string>();
  for (const form of [secret, ...secretEncodings(secret)]) for (let i = 0; i + 8 <= form.length; i++) windows.add(form.slice(i, i + 8));
  const found: string[] = [];
  for (let i = 0; i + 8 <= text.length; i++) if (windows.has(text.slice(i, i + 8))) found.push(text.slice(i, i + 8));
  return found;
}

describe("createSecretRedactor", () => {
  const redactor = createSecretRedactor([TOKEN, KEY]);

  it("removes each value in every encoding a server may echo it in", () => {
    const escaped = JSON.stringify({ token: TOKEN }).replace(/\//g, "\\/");
    const texts = [
      `raw ${TOKEN} end`,
      `json ${escaped} end`,
      `json ${JSON.stringify(TOKEN)} end`,
      `unicode ${TOKEN.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)} end`,
      `UNICODE ${TOKEN.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`)} end`,
      `uri ${encodeURIComponent(TOKEN)} end`,
      `lower-hex uri ${encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())} end`,
      `form ${new URLSearchParams({ t: TOKEN }).toString()} end`,
      `base64 ${b64(TOKEN)} end`,
      `base64url ${b64url(TOKEN)} end`,
      // Inside a base64 document, at each of the three byte alignments.
      ...["", "x", "xy"].map((pad) => `dump ${b64(`${pad}x-amz-security-token: ${TOKEN}\r\n`)} end`),
      ...["", "x", "xy"].map((pad) => `dump ${b64url(`${pad}{"token":${escaped}}`)} end`),
      `basic ${b64(`user:${KEY}`)} end`,
    ];
    for (const text of texts) {
      const out = redactor.redact(text);
      expect(leftover(out, TOKEN), text).toEqual([]);
      expect(leftover(out, KEY), text).toEqual([]);
      expect(out, text).toContain("[redacted]");
      expect(out.slice(0, 3), text).toBe(text.slice(0, 3));
      expect(out.endsWith(" end"), text).toBe(true);
    }
  });

  it("removes pieces: a token cut at the end of an excerpt, one starting mid-way, one split over lines", () => {
    const cutEnd = `token: ${TOKEN.slice(0, 9)}`;
    expect(redactor.redact(cutEnd)).toBe("token: [redacted]");
    expect(redactor.redact(`…${TOKEN.slice(-12)}"}`)).toBe('…[redacted]"}');
    const wrapped = b64(`x-amz-security-token: ${TOKEN}`).replace(/.{16}/g, "$&\n");
    expect(leftover(redactor.redact(wrapped), TOKEN)).toEqual([]);
    // Fewer than 8 characters of a secret are left alone (they say nothing).
    expect(redactor.redact(`tail ${TOKEN.slice(-7)}`)).toBe(`tail ${TOKEN.slice(-7)}`);
  });

  it("leaves text without secrets as it is, and one run becomes one replacement", () => {
    const text = "Bedrock ValidationException (HTTP 400): The provided model identifier is invalid. See streambed models list.";
    expect(redactor.redact(text)).toBe(text);
    expect(redactor.redact(`${TOKEN}${KEY}`)).toBe("[redacted]");
    expect(createSecretRedactor([]).redact(TOKEN)).toBe(TOKEN);
  });

  it("a secret made of words is removed whole only: its pieces (emulator, 0123456789) stay in other text", () => {
    const demo = createSecretRedactor(["streambed/emulator/demo/secret/key/not/for/aws", "fault/0123456789"]);
    expect(demo.redact("key streambed/emulator/demo/secret/key/not/for/aws and streambed%2Femulator%2Fdemo%2Fsecret%2Fkey%2Fnot%2Ffor%2Faws")).toBe("key [redacted] and [redacted]");
    expect(demo.redact("run the streambed emulator; account 0123456789012")).toBe("run the streambed emulator; account 0123456789012");
  });

  it("ignores short and blank values, keeps a bounded number of values (oldest go first)", () => {
    const r = createSecretRedactor(["short", "   ", undefined], { maxValues: 2 });
    expect(r.size).toBe(0);
    r.add(["Aa1Aa1Aa1Aa1-first", "Bb2Bb2Bb2Bb2-second", "Cc3Cc3Cc3Cc3-third"]);
    expect(r.size).toBe(2);
    expect(r.redact("Aa1Aa1Aa1Aa1-first Cc3Cc3Cc3Cc3-third")).toBe("Aa1Aa1Aa1Aa1-first [redacted]");
  });

  it("redactValues: the same, with ****", () => {
    expect(redactValues(`a ${JSON.stringify(KEY).replace(/\//g, "\\/")} b`, [KEY])).toBe('a "****" b');
    expect(redactValues(`a ${b64(KEY)} b`, [KEY])).toBe("a **** b");
  });
});
