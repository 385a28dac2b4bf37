import { isSecretConfigKey, looksLikeSecret } from "@streambed/core";

/** One token of JSON5 text: a string or identifier (with its decoded value), a punctuator, or anything else. */
interface Token {
  kind: "string" | "name" | "punct" | "other";
  /** The decoded value (strings and identifiers), or the punctuator. */
  value: string;
  /** For strings: where the characters between the quotes start and end (the end of the line when unterminated). */
  start: number;
  end: number;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", 0: "\0" };
const PUNCTUATORS = new Set(["{", "}", "[", "]", ":", ","]);
/**
 * The identifier patterns, made on first use: a `\p{…}` regular expression literal is checked by
 * V8's parser when the module loads (ICU builds its Unicode sets): ≈ 11 M instructions (≈ 1.5 ms)
 * of every cold start, callgrind, Node 20, for code that runs only when config file text is scanned.
 */
let namePatterns: { start: RegExp; part: RegExp } | undefined;
function names(): { start: RegExp; part: RegExp } {
  return (namePatterns ??= {
    start: new RegExp("[\\p{L}\\p{Nl}$_\\\\]", "u"),
    part: new RegExp("[\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}$_\\\\\\u200c\\u200d]", "u"),
  });
}

/** A `\…` escape at `at` (the backslash) of a string or identifier: its value and length. */
function escapeAt(text: string, at: number): { value: string; length: number } {
  const c = text[at + 1];
  if (c === undefined) return { value: "", length: 1 };
  if (c === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) return { value: String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16)), length: 6 };
  if (c === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(at + 2, at + 4))) return { value: String.fromCharCode(parseInt(text.slice(at + 2, at + 4), 16)), length: 4 };
  if (c === "\r" && text[at + 2] === "\n") return { value: "", length: 3 };
  if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") return { value: "", length: 2 };
  return { value: SIMPLE_ESCAPES[c] ?? c, length: 2 };
}

/** The characters from `from` up to the first one `stop` accepts (or the end), escapes decoded: the decoded value and where it stopped. */
function readUntil(text: string, from: number, stop: (c: string) => boolean): { value: string; end: number } {
  let value = "";
  let i = from;
  while (i < text.length && !stop(text[i]!)) {
    if (text[i] === "\\") {
      const escape = escapeAt(text, i);
      value += escape.value;
      i += escape.length;
    } else {
      value += text[i];
      i++;
    }
  }
  return { value, end: Math.min(i, text.length) };
}

/** Tokens of JSON5 text, tolerant of errors: an unterminated string ends at its line's end, anything unknown is an `other` token. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const { start: nameStart, part: namePart } = names();
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c) || c === "\uFEFF") {
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '"' || c === "'") {
      const start = i + 1;
      const { value, end } = readUntil(text, start, (d) => d === c || d === "\n" || d === "\r");
      tokens.push({ kind: "string", value, start, end });
      i = text[end] === c ? end + 1 : end;
    } else if (PUNCTUATORS.has(c)) {
      tokens.push({ kind: "punct", value: c, start: i, end: i + 1 });
      i++;
    } else if (nameStart.test(c)) {
      const { value, end } = readUntil(text, i, (d) => !namePart.test(d));
      tokens.push({ kind: "name", value, start: i, end });
      i = end;
    } else {
      const start = i;
      while (i < text.length && !/[\s"'{}[\]:,/]/.test(text[i]!)) i++;
      if (i === start) i++;
      tokens.push({ kind: "other", value: text.slice(start, i), start, end: i });
    }
  }
  return tokens;
}

interface Container {
  kind: "{" | "[";
  /** The key this object or array is the value of. */
  key: string | undefined;
  /** Inside the value of a secret key: every string in it is secret. */
  secret: boolean;
}

/**
 * Where the secret string values lie in JSON5 text, as `[start, end)` offsets of the characters
 * between the quotes: values at secret keys (`isSecretConfigKey` of the key **as parsed** — `"api\u004bey"`
 * and `api\u004bey` are `apiKey` — with its parent, so `headers.Authorization` counts), every string
 * inside the value of a secret key, and every string shaped like a secret (`looksLikeSecret`).
 * Works on broken text (a syntax error's excerpt, a file that is not JSON5): comments are skipped,
 * a key is a string or name followed by `:`, a value with no closing quote runs to the end of its
 * line, and text outside any braces is read as an object's inside.
 */
export function secretValueSpans(text: string): Array<[number, number]> {
  const tokens = tokenize(text);
  const spans: Array<[number, number]> = [];
  const stack: Container[] = [{ kind: "{", key: undefined, secret: false }];
  let pendingKey: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const top = stack[stack.length - 1]!;
    const next = tokens[i + 1];
    if ((token.kind === "string" || token.kind === "name") && next?.kind === "punct" && next.value === ":") {
      pendingKey = token.value;
      i++;
      continue;
    }
    if (token.kind === "punct" && (token.value === "{" || token.value === "[")) {
      const key = top.kind === "{" ? pendingKey : top.key;
      const secret = top.secret || (top.kind === "{" && key !== undefined && isSecretConfigKey(key, top.key));
      stack.push({ kind: token.value, key, secret });
    } else if (token.kind === "punct" && (token.value === "}" || token.value === "]")) {
      if (stack.length > 1) stack.pop();
    } else if (token.kind === "string") {
      const atSecretKey = top.kind === "{" && pendingKey !== undefined && isSecretConfigKey(pendingKey, top.key);
      if (top.secret || atSecretKey || looksLikeSecret(token.value)) spans.push([token.start, token.end]);
    }
    pendingKey = undefined;
  }
  return spans;
}
