import fc from "fast-check";
import type { EventStreamHeaders, EventStreamHeaderValue, EventStreamMessage } from "../types.js";

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function hex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += "-";
    s += bytes[i]!.toString(16).padStart(2, "0");
  }
  return s;
}

/** Options that narrow the generated values to what another codec accepts. */
export interface ArbitraryOptions {
  /** Largest string/binary header value in bytes (smithy's encoder refuses more than 32,767). */
  maxValueBytes?: number;
  /** Leave out names that other codecs mishandle (`__proto__`). */
  plainNames?: boolean;
  /** Largest payload. */
  maxPayload?: number;
}

/** Header names: Bedrock's, awkward ones (integer-like, `__proto__`), any Unicode, up to 255 bytes. */
export function headerName(options: ArbitraryOptions = {}): fc.Arbitrary<string> {
  const special = [":event-type", ":content-type", ":message-type", ":exception-type", "constructor", "1", "42", "é", "🙂"];
  if (!options.plainNames) special.push("__proto__");
  const names = fc.oneof(
    fc.constantFrom(...special),
    fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).filter((s) => utf8Length(s) <= 255),
    fc.string({ unit: fc.constantFrom("a", "b", ":", "-"), minLength: 200, maxLength: 255 }),
  );
  // fast-check's fc.string() itself injects "dangerous" strings ("__proto__", "constructor", …) in
  // biased runs, so leaving `__proto__` out of `special` is not enough.
  return options.plainNames ? names.filter((name) => name !== "__proto__") : names;
}

/** A header value of any of the 10 wire types (types 0 and 1 are the two booleans). */
export function headerValue(options: ArbitraryOptions = {}): fc.Arbitrary<EventStreamHeaderValue> {
  const maxBytes = options.maxValueBytes ?? 65535;
  return fc.oneof(
    fc.constant<EventStreamHeaderValue>({ type: "boolean", value: true }),
    fc.constant<EventStreamHeaderValue>({ type: "boolean", value: false }),
    fc.integer({ min: -128, max: 127 }).map((value): EventStreamHeaderValue => ({ type: "byte", value })),
    fc.integer({ min: -32768, max: 32767 }).map((value): EventStreamHeaderValue => ({ type: "short", value })),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value): EventStreamHeaderValue => ({ type: "integer", value })),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value): EventStreamHeaderValue => ({ type: "long", value })),
    fc
      .oneof(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ minLength: 0, maxLength: Math.min(maxBytes, 3000) }))
      .map((value): EventStreamHeaderValue => ({ type: "binary", value })),
    fc
      .oneof(
        fc.constantFrom("contentBlockDelta", "application/json", "event", "exception", ""),
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.string({ unit: "grapheme-ascii", minLength: 60, maxLength: 200 }),
      )
      .filter((s) => utf8Length(s) <= maxBytes)
      .map((value): EventStreamHeaderValue => ({ type: "string", value })),
    fc
      .integer({ min: -8.64e15, max: 8.64e15 })
      .map((ms): EventStreamHeaderValue => ({ type: "timestamp", value: new Date(ms) })),
    fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b): EventStreamHeaderValue => ({ type: "uuid", value: hex(b) })),
  );
}

/** A headers object built with own, enumerable properties only (so `__proto__` is a real key). */
export function headersFrom(pairs: readonly (readonly [string, EventStreamHeaderValue])[]): EventStreamHeaders {
  const headers: EventStreamHeaders = {};
  for (const [name, value] of pairs) {
    Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return headers;
}

/** Headers: 0–12 distinct names with values of any type. */
export function headers(options: ArbitraryOptions = {}): fc.Arbitrary<EventStreamHeaders> {
  return fc
    .uniqueArray(fc.tuple(headerName(options), headerValue(options)), { maxLength: 12, selector: ([name]) => name })
    .map(headersFrom);
}

/** A message: random headers and a payload of 0 to `maxPayload` (default 2,000) bytes. */
export function message(options: ArbitraryOptions = {}): fc.Arbitrary<EventStreamMessage> {
  const max = options.maxPayload ?? 2000;
  return fc.record({
    headers: headers(options),
    payload: fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: max })),
  });
}

/** Offsets at which to cut a byte stream of `length` bytes (possibly none, possibly every byte). */
export function cuts(length: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    fc.array(fc.integer({ min: 0, max: length }), { maxLength: 20 }),
    fc.constant(Array.from({ length }, (_, i) => i)),
    fc.integer({ min: 1, max: 64 }).map((step) => Array.from({ length: Math.ceil(length / step) }, (_, i) => i * step)),
  );
}
