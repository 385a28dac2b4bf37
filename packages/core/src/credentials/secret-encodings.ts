/** Secrets shorter than this are not looked for (too many false matches); also the length of a "piece" (see `createSecretRedactor`). */
export const MIN_SECRET_LENGTH = 8;

const hex2 = (code: number, upper: boolean) => {
  const h = code.toString(16).padStart(2, "0");
  return upper ? h.toUpperCase() : h;
};

/** Every character outside `[A-Za-z0-9]` as a JSON `\uXXXX` escape (Go's and .NET's encoders, "ensure ASCII" modes). */
function unicodeEscaped(value: string, upper: boolean): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    out += /[A-Za-z0-9]/.test(value[i]!) ? value[i] : `\\u${(upper ? code.toString(16).toUpperCase() : code.toString(16)).padStart(4, "0")}`;
  }
  return out;
}

/** `encodeURIComponent`, also for lone surrogates (which it refuses): those stay as they are. */
function percentEncoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The UTF-8 bytes of `value` as a binary string (one char per byte), for `btoa`. */
function binary(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/**
 * The base64 characters that depend on `bytes` alone when they sit `shift` bytes (0, 1 or 2) after
 * a 3-byte boundary of a longer base64 text: a secret inside a base64 document (a header dump,
 * `Basic user:secret`) is written one of these three ways, whatever surrounds it.
 */
function base64Core(bytes: Uint8Array, shift: number): string {
  const padded = new Uint8Array(shift + bytes.length);
  padded.set(bytes, shift);
  return btoa(binary(padded)).slice(Math.ceil((shift * 4) / 3), Math.floor(((shift + bytes.length) * 8) / 6));
}

/**
 * The ways `value` may be written in text a server or a library sends back, so that redaction can
 * find it whatever the encoding:
 *
 * - raw;
 * - JSON-escaped (`JSON.stringify`'s body), with `/` also as `\/` (PHP, many gateways), and with
 *   every non-alphanumeric character as `\u002f` / `\u002F`;
 * - percent-encoded: `encodeURIComponent`, the SigV4 / RFC 3986 form (`!'()*` encoded too), both
 *   with lower-case hex, and form encoding (`URLSearchParams`);
 * - base64 and base64url of the raw and of the `\/`-escaped text, each at the three byte
 *   alignments it can have inside a longer base64 text (the characters shared with the
 *   surroundings left out).
 *
 * Runtime-free (`btoa`, `TextEncoder`). Forms shorter than {@link MIN_SECRET_LENGTH} are left out;
 * duplicates are removed.
 */
export function secretEncodings(value: string): string[] {
  const forms = new Set<string>();
  const add = (form: string) => {
    if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  };
  add(value);
  const json = JSON.stringify(value).slice(1, -1);
  const jsonSlashes = json.replace(/\//g, "\\/");
  add(json);
  add(jsonSlashes);
  add(unicodeEscaped(value, false));
  add(unicodeEscaped(value, true));
  const uri = percentEncoded(value);
  const rfc3986 = uri.replace(/[!'()*]/g, (c) => `%${hex2(c.charCodeAt(0), true)}`);
  for (const form of [uri, rfc3986]) {
    add(form);
    add(form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
  }
  add(new URLSearchParams([["", value]]).toString().slice(1));
  const encoder = new TextEncoder();
  for (const text of new Set([value, jsonSlashes])) {
    const bytes = encoder.encode(text);
    for (let shift = 0; shift < 3; shift++) {
      const core = base64Core(bytes, shift);
      add(core);
      add(core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...forms];
}
