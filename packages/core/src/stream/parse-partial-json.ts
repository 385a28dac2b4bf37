// Scanner states. Object: after "{", after ",", after a key, after ":", after a value. Array: after "[", after ",", after a value.
const OBJ_KEY_OR_END = 0;
const OBJ_KEY = 1;
const OBJ_COLON = 2;
const OBJ_VALUE = 3;
const OBJ_COMMA_OR_END = 4;
const ARR_VALUE_OR_END = 5;
const ARR_VALUE = 6;
const ARR_COMMA_OR_END = 7;
const TOP = 8;
const DONE = 9;

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index of the quote closing the string whose opening quote is at `open`, or -1 if it is not closed. */
function stringEnd(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q !== -1) {
    let backslashes = 0;
    for (let k = q - 1; k > open && text.charCodeAt(k) === 92; k--) backslashes++;
    if ((backslashes & 1) === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}

/** Where an unterminated string starting at `open` can be cut so that it does not end inside an escape. */
function partialStringCut(text: string, open: number): number {
  const len = text.length;
  const from = Math.max(open + 1, len - 6);
  const j = text.lastIndexOf("\\", len - 1);
  if (j < from) return len;
  let run = 0;
  for (let k = j; k > open && text.charCodeAt(k) === 92; k--) run++;
  if ((run & 1) === 0) return len; // the last backslash is itself escaped
  if (j === len - 1) return j;
  return text.charCodeAt(j + 1) === 117 /* u */ && len - (j + 2) < 4 ? j : len;
}

function isValueState(state: number): boolean {
  return state === OBJ_VALUE || state === ARR_VALUE || state === ARR_VALUE_OR_END || state === TOP;
}

/**
 * Close a truncated JSON object so that it parses: the longest prefix ending after a complete
 * value (or inside a string value, which is kept up to the last whole character) plus the missing
 * quote and brackets. Dangling keys, `:` and `,` and unfinished numbers/literals are dropped.
 * Returns undefined when not even `{` was seen. One pass, O(length).
 */
export function closePartialJson(text: string): string | undefined {
  const len = text.length;
  const parents: number[] = [];
  let state = TOP;
  let closers = "";
  let safeEnd = -1;
  let safeClosers = "";
  let safeSuffix = "";
  let i = 0;
  scan: while (i < len) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    if (state === DONE) break;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (!isValueState(state) || (state === TOP && c !== 123)) break;
      parents.push(state);
      state = c === 123 ? OBJ_KEY_OR_END : ARR_VALUE_OR_END;
      closers = (c === 123 ? "}" : "]") + closers;
      i++;
      safeEnd = i;
      safeClosers = closers;
      safeSuffix = "";
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      const ok = c === 125 ? state === OBJ_KEY_OR_END || state === OBJ_COMMA_OR_END : state === ARR_VALUE_OR_END || state === ARR_COMMA_OR_END;
      if (!ok) break;
      closers = closers.slice(1);
      state = parents.pop()!;
      i++;
    } else if (c === 44 /* , */) {
      if (state === OBJ_COMMA_OR_END) state = OBJ_KEY;
      else if (state === ARR_COMMA_OR_END) state = ARR_VALUE;
      else break;
      i++;
      continue;
    } else if (c === 58 /* : */) {
      if (state !== OBJ_COLON) break;
      state = OBJ_VALUE;
      i++;
      continue;
    } else if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (state === OBJ_KEY_OR_END || state === OBJ_KEY) {
        if (end === -1) break;
        state = OBJ_COLON;
        i = end + 1;
        continue;
      }
      if (!isValueState(state) || state === TOP) break;
      if (end === -1) {
        safeEnd = partialStringCut(text, i);
        safeClosers = closers;
        safeSuffix = '"';
        break scan;
      }
      i = end + 1;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      if (!isValueState(state) || state === TOP) break;
      let j = i + 1;
      while (j < len) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      if (j === len) break; // the number may continue
      i = j;
    } else if (c === 116 /* t */ || c === 102 /* f */ || c === 110 /* n */) {
      if (!isValueState(state) || state === TOP) break;
      const literal = c === 116 ? "true" : c === 102 ? "false" : "null";
      if (!text.startsWith(literal, i)) break;
      i += literal.length;
    } else {
      break;
    }
    // A value (container, string, number, literal) just completed at i.
    state = state === TOP ? DONE : state === OBJ_VALUE ? OBJ_COMMA_OR_END : ARR_COMMA_OR_END;
    safeEnd = i;
    safeClosers = closers;
    safeSuffix = "";
  }
  if (safeEnd < 0) return undefined;
  return text.slice(0, safeEnd) + safeSuffix + safeClosers;
}

/**
 * Best-effort parse of a JSON object that may be cut off anywhere (a tool call's input while it
 * streams). Never throws: returns `{}` when nothing usable was received or the text is not a
 * JSON object. Complete string values are kept; a string value still streaming is included up to
 * the last whole character; a key whose value has not started, and a number or literal that may
 * still continue, are left out until complete.
 *
 * @example parsePartialJson('{"city": "Par') // → { city: "Par" }
 */
export function parsePartialJson(text: string): Record<string, unknown> {
  if (typeof text !== "string" || text.length === 0) return {};
  const closed = closePartialJson(text);
  if (closed === undefined) return {};
  try {
    const value: unknown = JSON.parse(closed);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
