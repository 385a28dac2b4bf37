import type { DecodeErrorReason, EventStreamDecodeError } from "../../errors/transport-errors.js";
import { crc32 as jsCrc32 } from "../crc32.js";
import { encodeEventStreamMessage } from "../encode-event-stream-message.js";
import { byteByByte, concatBytes, decodeAll, feedAll, randomSplit, seededRandom, type FeedOutcome } from "../test-support/feed.js";
import type { Crc32, EventStreamHeaders, EventStreamHeaderValue, EventStreamMessage } from "../types.js";

/** Options of {@link fuzzDecoder}. */
export interface FuzzOptions {
  /** Number of cases. */
  count: number;
  /** Base seed; case `k` uses the seed `seed + k`, so any failure is reproducible on its own. Default 1. */
  seed?: number;
  /** First case index (to replay one failing case: `from: k, count: 1`). Default 0. */
  from?: number;
  /** CRC-32 for the decoder under test. Default the JS one. */
  crc32?: Crc32;
  /** Called every 10,000 cases. */
  onProgress?: (done: number) => void;
}

/** What a fuzz run saw. */
export interface FuzzReport {
  cases: number;
  bytes: number;
  messages: number;
  /** Cases that ended cleanly (every byte decoded into messages). */
  clean: number;
  /** Cases that ended in an EventStreamDecodeError, by reason. */
  errors: Partial<Record<DecodeErrorReason, number>>;
}

/** A fuzz case broke an invariant: which case, how to replay it, and the input. */
export class FuzzFailure extends Error {
  override name = "FuzzFailure";
}

type Random = () => number;

const NAMES = [":event-type", ":content-type", ":message-type", ":exception-type", ":error-code", "__proto__", "1", "é"];
const STRINGS = ["contentBlockDelta", "application/json", "event", "exception", "", "messageStop"];

const int = (r: Random, n: number) => Math.floor(r() * n);

function randomBytes(r: Random, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = int(r, 256);
  return b;
}

function randomString(r: Random, max: number): string {
  if (r() < 0.5) return STRINGS[int(r, STRINGS.length)]!;
  let s = "";
  const n = int(r, max);
  for (let i = 0; i < n; i++) {
    const k = r();
    s += k < 0.7 ? String.fromCharCode(0x20 + int(r, 95)) : k < 0.9 ? String.fromCharCode(0xa0 + int(r, 0x700)) : "🙂";
  }
  return s;
}

function randomValue(r: Random): EventStreamHeaderValue {
  switch (int(r, 10)) {
    case 0:
      return { type: "boolean", value: true };
    case 1:
      return { type: "boolean", value: false };
    case 2:
      return { type: "byte", value: int(r, 256) - 128 };
    case 3:
      return { type: "short", value: int(r, 65536) - 32768 };
    case 4:
      return { type: "integer", value: (int(r, 65536) << 16) | int(r, 65536) };
    case 5:
      return { type: "long", value: BigInt.asIntN(64, (BigInt(int(r, 2 ** 32)) << 32n) | BigInt(int(r, 2 ** 32))) };
    case 6:
      return { type: "binary", value: randomBytes(r, int(r, 40)) };
    case 7:
      return { type: "string", value: randomString(r, r() < 0.1 ? 120 : 20) };
    case 8:
      return { type: "timestamp", value: new Date(Math.round((r() * 2 - 1) * 8.64e15)) };
    default: {
      const hex = Array.from(randomBytes(r, 16), (b) => b.toString(16).padStart(2, "0")).join("");
      return { type: "uuid", value: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
    }
  }
}

function randomMessage(r: Random): EventStreamMessage {
  const headers: EventStreamHeaders = {};
  const n = int(r, 6);
  for (let i = 0; i < n; i++) {
    const name = r() < 0.6 ? NAMES[int(r, NAMES.length)]! : randomString(r, 12) || "x";
    if (new TextEncoder().encode(name).length > 255) continue;
    Object.defineProperty(headers, name, { value: randomValue(r), enumerable: true, writable: true, configurable: true });
  }
  const payload = r() < 0.9 ? randomBytes(r, int(r, 200)) : randomBytes(r, int(r, 5000));
  return { headers, payload };
}

/** Recompute both CRCs of the frame at `[pos, pos + total)` so a mutation inside it gets past them. */
function fixCrcs(b: Uint8Array, pos: number): void {
  if (b.length - pos < 16) return;
  const view = new DataView(b.buffer, b.byteOffset);
  const total = view.getUint32(pos);
  view.setUint32(pos + 8, jsCrc32(b.subarray(pos, pos + 8)));
  if (total >= 16 && pos + total <= b.length) view.setUint32(pos + total - 4, jsCrc32(b.subarray(pos, pos + total - 4)));
}

function mutate(r: Random, input: Uint8Array): Uint8Array {
  let b: Uint8Array = input.slice();
  const edits = 1 + int(r, 4);
  for (let e = 0; e < edits && b.length > 0; e++) {
    const at = int(r, b.length);
    switch (int(r, 6)) {
      case 0:
        b[at]! ^= 1 << int(r, 8);
        break;
      case 1:
        b[at] = int(r, 256);
        break;
      case 2:
        b = b.slice(0, at); // truncate
        break;
      case 3:
        b = concatBytes([b.subarray(0, at), randomBytes(r, 1 + int(r, 8)), b.subarray(at)]); // insert
        break;
      case 4:
        b = concatBytes([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(r, 8)))]); // delete
        break;
      default:
        b = concatBytes([b, b.subarray(at)]); // repeat a tail
    }
  }
  return b;
}

/** A prelude with a valid CRC and random, often absurd, lengths, then some random bytes. */
function randomPrelude(r: Random): Uint8Array {
  const interesting = [0, 1, 15, 16, 17, 0xffff, 0x7fffffff, 0xffffffff];
  const pick = () => (r() < 0.5 ? interesting[int(r, interesting.length)]! : int(r, 2 ** 32));
  const b = concatBytes([new Uint8Array(12), randomBytes(r, int(r, 64))]);
  const view = new DataView(b.buffer);
  view.setUint32(0, r() < 0.5 ? pick() : Math.min(b.length + int(r, 8), 2 ** 32 - 1));
  view.setUint32(4, pick() % (r() < 0.5 ? 64 : 2 ** 32));
  fixCrcs(b, 0);
  return b;
}

/** Comparable form of a decode outcome: message contents plus the error reason. */
function fingerprint(outcome: FeedOutcome): string {
  const value = (h: EventStreamHeaderValue): string =>
    h.value instanceof Uint8Array
      ? `b:${Array.from(h.value).join(",")}`
      : h.value instanceof Date
        ? `d:${h.value.getTime()}`
        : `${typeof h.value}:${String(h.value)}`;
  const messages = outcome.messages.map(
    (m) => `${Object.keys(m.headers).map((k) => `${k}=${Object.getOwnPropertyDescriptor(m.headers, k)!.value.type}/${value(Object.getOwnPropertyDescriptor(m.headers, k)!.value)}`).join(";")}|${Array.from(m.payload).join(",")}`,
  );
  return `${messages.join("\n")}\n#${outcome.error?.reason ?? "ok"}`;
}

const hex = (b: Uint8Array) => Array.from(b.subarray(0, 4096), (x) => x.toString(16).padStart(2, "0")).join("");

/**
 * Structure-aware fuzzing of the decoder. Each case builds a byte stream (pure random bytes; valid
 * random frames; valid frames mutated; frames mutated inside the headers with both CRCs
 * recomputed so the header parser sees garbage; preludes with valid CRCs and absurd lengths; all
 * of these spliced together), then decodes it whole, in random chunks and byte by byte.
 *
 * Invariants, any breach throws {@link FuzzFailure}:
 * - the decoder only ever throws {@link EventStreamDecodeError} (never a RangeError, TypeError, …);
 * - every chunking of the same bytes gives the same messages and the same error reason;
 * - valid, unmutated streams decode to exactly the encoded messages (re-encoding gives the bytes back).
 * A hang would never return: the caller's timeout is the check.
 */
export async function fuzzDecoder(options: FuzzOptions): Promise<FuzzReport> {
  const crc32 = options.crc32 ?? jsCrc32;
  const seed = options.seed ?? 1;
  const from = options.from ?? 0;
  const report: FuzzReport = { cases: 0, bytes: 0, messages: 0, clean: 0, errors: {} };
  for (let k = from; k < from + options.count; k++) {
    const r = seededRandom(seed + k);
    const strategy = int(r, 6);
    let input: Uint8Array;
    let frames: Uint8Array[] | null = null; // set when the input is valid and unmutated
    const valid = () => Array.from({ length: 1 + int(r, 4) }, () => encodeEventStreamMessage(randomMessage(r)));
    switch (strategy) {
      case 0:
        input = randomBytes(r, int(r, 300));
        break;
      case 1:
        frames = valid();
        input = concatBytes(frames);
        break;
      case 2:
        input = mutate(r, concatBytes(valid()));
        break;
      case 3: {
        const frame = encodeEventStreamMessage(randomMessage(r));
        const headersLength = new DataView(frame.buffer).getUint32(4);
        const mutated = frame.slice();
        const edits = 1 + int(r, 3);
        for (let e = 0; e < edits; e++) {
          const at = 12 + int(r, Math.max(1, headersLength + (r() < 0.2 ? 4 : 0)));
          if (at < mutated.length - 4) mutated[at] = r() < 0.5 ? int(r, 256) : mutated[at]! ^ (1 << int(r, 8));
        }
        fixCrcs(mutated, 0);
        input = mutated;
        break;
      }
      case 4:
        input = concatBytes([...(r() < 0.5 ? valid() : []), randomPrelude(r)]);
        break;
      default:
        input = concatBytes(
          Array.from({ length: 2 + int(r, 4) }, () => {
            const x = r();
            return x < 0.5 ? encodeEventStreamMessage(randomMessage(r)) : x < 0.8 ? randomPrelude(r) : randomBytes(r, int(r, 20));
          }),
        );
    }

    const label = `case ${k} (seed ${seed}, strategy ${strategy}, ${input.length} bytes)`;
    const run = async (how: string, decode: () => FeedOutcome | Promise<FeedOutcome>): Promise<FeedOutcome> => {
      try {
        return await decode();
      } catch (error) {
        throw new FuzzFailure(`${label}, fed ${how}: threw ${String(error)} instead of an EventStreamDecodeError\ninput: ${hex(input)}`, {
          cause: error,
        });
      }
    };
    const whole = await run("whole", () => feedAll([input], { crc32 }));
    const expected = fingerprint(whole);
    const chunkings: [string, () => FeedOutcome | Promise<FeedOutcome>][] = [
      ["in random chunks", () => feedAll(randomSplit(input, 1 + int(r, 8), r), { crc32 })],
    ];
    if (k % 8 === 0) chunkings.push(["byte by byte", () => feedAll(byteByByte(input), { crc32 })]);
    if (k % 8 === 4) chunkings.push(["through decodeEventStream", () => decodeAll(randomSplit(input, 1 + int(r, 8), r), { crc32 })]);
    for (const [how, decode] of chunkings) {
      const got = fingerprint(await run(how, decode));
      if (got !== expected) throw new FuzzFailure(`${label}: decoding ${how} differs from decoding it whole\ninput: ${hex(input)}`);
    }
    if (frames !== null) {
      const back = whole.messages.map((m) => encodeEventStreamMessage(m, { crc32 }));
      if (whole.error !== null || back.length !== frames.length || !back.every((b, i) => hex(b) === hex(frames[i]!))) {
        throw new FuzzFailure(`${label}: a valid stream did not decode to its messages (${String(whole.error)})\ninput: ${hex(input)}`);
      }
    }

    report.cases++;
    report.bytes += input.length;
    report.messages += whole.messages.length;
    if (whole.error === null) report.clean++;
    else report.errors[whole.error.reason] = (report.errors[whole.error.reason] ?? 0) + 1;
    if (report.cases % 10_000 === 0) options.onProgress?.(report.cases);
  }
  return report;
}
