import { MIN_SECRET_LENGTH, secretEncodings } from "./secret-encodings.js";

/** Removes known secret values from text. */
export interface SecretRedactor {
  /** Adds secret values to look for (values shorter than 8 characters, or blank, are ignored). */
  add(values: Iterable<string | undefined>): void;
  /**
   * `text` with every known secret removed: the whole value in any of its encodings
   * ({@link secretEncodings}), and any 8-character piece of one of them (a token cut short by a
   * truncated excerpt, split over lines, or starting mid-way). Each removed run becomes the
   * replacement once. Returns `text` itself when nothing was found.
   */
  redact(text: string): string;
  /** How many secret values are known. */
  readonly size: number;
}

export interface SecretRedactorOptions {
  /** What stands in for a removed run (default `[redacted]`). */
  replacement?: string;
  /** How many values to keep at most; the oldest added go first (credentials rotate). Default 64. */
  maxValues?: number;
}

const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;
const DIGIT = /[0-9]/;

/**
 * Whether an 8-character piece of a secret is distinctive enough to be removed wherever it shows:
 * it mixes at least two of upper-case letters, lower-case letters and digits. Random key material
 * (base64, hex with letters) almost always does; words, paths and plain numbers do not, so a
 * secret that happens to contain `emulator/` or `0123456789` does not cut those out of messages
 * (it is still removed whole).
 */
function distinctive(piece: string): boolean {
  return (UPPER.test(piece) ? 1 : 0) + (LOWER.test(piece) ? 1 : 0) + (DIGIT.test(piece) ? 1 : 0) >= 2;
}

/**
 * A redactor for the exact secret values a client holds (secret access key, session token, bearer
 * token, the config's API key …). Runtime-free. The encodings and pieces are computed on the first
 * `redact` after a value was added, so adding the same credentials on every request costs a set
 * lookup.
 */
export function createSecretRedactor(values: Iterable<string | undefined> = [], options: SecretRedactorOptions = {}): SecretRedactor {
  const replacement = options.replacement ?? "[redacted]";
  const maxValues = options.maxValues ?? 64;
  const known = new Set<string>();
  let forms: string[] | undefined;
  let pieces: Set<string> | undefined;

  function build(): { forms: string[]; pieces: Set<string> } {
    if (forms === undefined || pieces === undefined) {
      const all = new Set<string>();
      for (const value of known) for (const form of secretEncodings(value)) all.add(form);
      // Longest first, so a form that contains another is found whole.
      forms = [...all].sort((a, b) => b.length - a.length);
      pieces = new Set();
      for (const form of forms) {
        for (let i = 0; i + MIN_SECRET_LENGTH <= form.length; i++) {
          const piece = form.slice(i, i + MIN_SECRET_LENGTH);
          if (distinctive(piece)) pieces.add(piece);
        }
      }
    }
    return { forms, pieces };
  }

  const redactor: SecretRedactor = {
    add(more) {
      for (const raw of more) {
        const value = raw?.trim();
        if (!value || value.length < MIN_SECRET_LENGTH || known.has(value)) continue;
        known.add(value);
        if (known.size > maxValues) known.delete(known.values().next().value as string);
        forms = undefined;
        pieces = undefined;
      }
    },
    redact(text) {
      if (known.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
      const built = build();
      let marked: Uint8Array | undefined;
      const mark = (from: number, to: number) => {
        marked ??= new Uint8Array(text.length);
        marked.fill(1, from, to);
      };
      for (const form of built.forms) {
        for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) mark(at, at + form.length);
      }
      const last = text.length - MIN_SECRET_LENGTH;
      for (let i = 0; i <= last; i++) {
        if (built.pieces.has(text.slice(i, i + MIN_SECRET_LENGTH))) mark(i, i + MIN_SECRET_LENGTH);
      }
      if (marked === undefined) return text;
      let out = "";
      for (let i = 0; i < text.length; ) {
        if (marked[i]) {
          out += replacement;
          while (i < text.length && marked[i]) i++;
        } else {
          const start = i;
          while (i < text.length && !marked[i]) i++;
          out += text.slice(start, i);
        }
      }
      return out;
    },
    get size() {
      return known.size;
    },
  };
  redactor.add(values);
  return redactor;
}
