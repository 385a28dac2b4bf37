import { EventStreamDecodeError } from "../../errors/transport-errors.js";
import { decodeEventStream } from "../decode-event-stream.js";
import { EventStreamDecoder, type EventStreamDecoderOptions } from "../event-stream-decoder.js";
import type { EventStreamMessage } from "../types.js";

/** What feeding a byte stream to the decoder produced: the frames, then at most one decode error. */
export interface FeedOutcome {
  messages: EventStreamMessage[];
  error: EventStreamDecodeError | null;
}

/** Cut `bytes` at the given offsets (sorted, deduplicated, clamped), each piece its own buffer. */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) out.push(bytes.slice(prev, p));
    prev = p;
  }
  return out;
}

/** Every byte its own chunk. */
export function byteByByte(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (b) => Uint8Array.of(b));
}

/** Cut `bytes` at `n` pseudo-random offsets drawn from `random` (a [0, 1) generator). */
export function randomSplit(bytes: Uint8Array, n: number, random: () => number): Uint8Array[] {
  return splitAt(bytes, Array.from({ length: n }, () => Math.floor(random() * (bytes.length + 1))));
}

/** Concatenate byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Feed `chunks` to a push decoder, then end it. A decode error is returned, not thrown; any other
 * exception propagates (and fails the test that called this).
 */
export function feedAll(chunks: readonly Uint8Array[], options: EventStreamDecoderOptions = {}): FeedOutcome {
  const messages: EventStreamMessage[] = [];
  const decoder = new EventStreamDecoder({ ...options, onMessage: (m) => messages.push(m) });
  try {
    for (const chunk of chunks) decoder.feed(chunk);
    decoder.end();
    return { messages, error: null };
  } catch (error) {
    if (error instanceof EventStreamDecodeError) return { messages, error };
    throw error;
  }
}

/** An async source that yields `chunks` one by one, recording whether it was returned early. */
export function chunkSource(chunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> & { returned: boolean } {
  const source = {
    returned: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (const chunk of chunks) yield chunk;
      } finally {
        source.returned = true;
      }
    },
  };
  return source;
}

/** The same as {@link feedAll}, through the async `decodeEventStream`. */
export async function decodeAll(chunks: readonly Uint8Array[], options: EventStreamDecoderOptions = {}): Promise<FeedOutcome> {
  const messages: EventStreamMessage[] = [];
  try {
    for await (const m of decodeEventStream(chunkSource(chunks), options)) messages.push(m);
    return { messages, error: null };
  } catch (error) {
    if (error instanceof EventStreamDecodeError) return { messages, error };
    throw error;
  }
}

/** A small seeded PRNG (mulberry32): reproducible randomness for splits and fuzzing. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
