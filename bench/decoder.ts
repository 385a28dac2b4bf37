/**
 * Decoder benchmark (issue 2, part 5): streambed's event-stream decoder against the AWS SDK's
 * `@smithy/eventstream-codec`, in the same process, on the same bytes.
 *
 * Workloads
 *   (a) a 200,000-event text-delta ConverseStream body, fed in 16 KiB and in 1 KiB chunks;
 *   (b) 1 MiB frames, fed in 64 KiB chunks.
 *
 * Contenders
 *   - streambed `decodeEventStream` (the async iterator core uses) with node:zlib's crc32 injected,
 *     and with the portable JS crc32 (what edge runtimes get);
 *   - streambed `EventStreamDecoder` (push-style, no async layer) with node:zlib's crc32;
 *   - smithy: `getChunkedStream` → `MessageDecoderStream` + `EventStreamCodec` with
 *     @smithy/util-utf8, i.e. the path `@aws-sdk/client-bedrock-runtime` takes for ConverseStream.
 *     `EventStreamCodec` only decodes whole frames, so the SDK's own framer (`getChunkedStream`,
 *     from `@smithy/core/event-streams`, the package `@smithy/eventstream-codec` re-exports) cuts
 *     the chunks into frames first;
 *   - smithy codec alone on frames already cut out (no framing): the codec's lower bound.
 */
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { crc32 as zlibCrc32 } from "node:zlib";
import { EventStreamCodec, type Message } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import {
  crc32 as jsCrc32,
  decodeEventStream,
  encodeEventStreamMessage,
  EventStreamDecoder,
  type Crc32,
} from "@streambed/transport";

// `getChunkedStream` / `MessageDecoderStream` live in @smithy/core, the package
// @smithy/eventstream-codec re-exports; resolve it through the codec so we get the same copy.
const smithyRequire = createRequire(createRequire(import.meta.url).resolve("@smithy/eventstream-codec"));
const smithyStreams = smithyRequire("@smithy/core/event-streams") as {
  getChunkedStream(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  MessageDecoderStream: new (options: {
    inputStream: AsyncIterable<Uint8Array>;
    decoder: EventStreamCodec;
  }) => AsyncIterable<Message>;
};

// A full GC before each timed run, so that no contender pays for the garbage of the one before.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const KIB = 1024;
const MIB = 1024 * 1024;
const nodeCrc32 = zlibCrc32 as unknown as Crc32;

/** One measured row. */
export interface DecoderResult {
  workload: string;
  chunk: string;
  decoder: string;
  events: number;
  bytes: number;
  /** Fastest of the measured runs, ms (the machine is shared: the fastest run is the least disturbed). */
  ms: number;
  /** Median of the measured runs, ms. */
  medianMs: number;
  /** Events and MB (10^6 bytes) per second, from `ms`. */
  eventsPerSecond: number;
  megabytesPerSecond: number;
  /** Throughput divided by the smithy (SDK path) row of the same workload and chunk size, from `ms`. */
  vsSmithy: number;
  /** The same ratio from the medians. */
  vsSmithyMedian: number;
}

/** A realistic ConverseStream text-delta body: `count` contentBlockDelta frames. */
export function textDeltaBody(count: number): { body: Uint8Array; frames: Uint8Array[] } {
  const words = ["the", "model", "streams", "tokens", "quickly", "and", "each", "delta", "is", "small", "bedrock", "frame"];
  const frames: Uint8Array[] = [];
  let size = 0;
  let seed = 1;
  for (let i = 0; i < count; i++) {
    let text = "";
    const n = 1 + (i % 5);
    for (let k = 0; k < n; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      text += (k === 0 ? "" : " ") + words[seed % words.length];
    }
    const payload = JSON.stringify({ contentBlockIndex: 0, delta: { text }, p: "abcdefghij".slice(0, 1 + (i % 10)) });
    const frame = encodeEventStreamMessage(
      {
        headers: {
          ":event-type": { type: "string", value: "contentBlockDelta" },
          ":content-type": { type: "string", value: "application/json" },
          ":message-type": { type: "string", value: "event" },
        },
        payload: new TextEncoder().encode(payload),
      },
      { crc32: nodeCrc32 },
    );
    frames.push(frame);
    size += frame.length;
  }
  return split(concat(frames, size), frames);
}

/** `count` frames of `payloadSize` bytes each (a single `:event-type` header). */
export function largeFrameBody(count: number, payloadSize: number): { body: Uint8Array; frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  const payload = new Uint8Array(payloadSize);
  for (let i = 0; i < payloadSize; i++) payload[i] = (i * 31 + 7) & 0xff;
  for (let i = 0; i < count; i++) {
    frames.push(
      encodeEventStreamMessage(
        { headers: { ":event-type": { type: "string", value: "chunk" } }, payload },
        { crc32: nodeCrc32 },
      ),
    );
  }
  return split(concat(frames, frames.reduce((n, f) => n + f.length, 0)), frames);
}

/**
 * The body plus its frames as views into it: one ArrayBuffer instead of hundreds of thousands,
 * which would otherwise slow every garbage collection of every contender.
 */
function split(body: Uint8Array, frames: Uint8Array[]): { body: Uint8Array; frames: Uint8Array[] } {
  const views: Uint8Array[] = [];
  let offset = 0;
  for (const f of frames) {
    views.push(body.subarray(offset, offset + f.length));
    offset += f.length;
  }
  return { body, frames: views };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Cut `body` into `size`-byte chunks, each its own buffer, as a socket delivers them. */
function chunksOf(body: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < body.length; i += size) out.push(body.slice(i, i + size));
  return out;
}

async function* source(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < chunks.length; i++) yield chunks[i]!;
}

type Run = (chunks: Uint8Array[], frames: Uint8Array[]) => Promise<number>;

const contenders: Record<string, Run> = {
  "streambed decodeEventStream, zlib crc32": async (chunks) => {
    let n = 0;
    for await (const m of decodeEventStream(source(chunks), { crc32: nodeCrc32 })) n += m.payload.length >= 0 ? 1 : 0;
    return n;
  },
  "streambed decodeEventStream, JS crc32": async (chunks) => {
    let n = 0;
    for await (const m of decodeEventStream(source(chunks), { crc32: jsCrc32 })) n += m.payload.length >= 0 ? 1 : 0;
    return n;
  },
  "streambed EventStreamDecoder (push), zlib crc32": async (chunks) => {
    let n = 0;
    const decoder = new EventStreamDecoder({ crc32: nodeCrc32, onMessage: (m) => void (n += m.payload.length >= 0 ? 1 : 0) });
    for await (const chunk of source(chunks)) decoder.feed(chunk);
    decoder.end();
    return n;
  },
  "smithy getChunkedStream + EventStreamCodec (AWS SDK path)": async (chunks) => {
    let n = 0;
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const messages = new smithyStreams.MessageDecoderStream({
      inputStream: smithyStreams.getChunkedStream(source(chunks)),
      decoder: codec,
    });
    for await (const m of messages) n += m.body.length >= 0 ? 1 : 0;
    return n;
  },
  "smithy EventStreamCodec.decode on pre-cut frames": async (_chunks, frames) => {
    let n = 0;
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    for (let i = 0; i < frames.length; i++) n += codec.decode(frames[i]!).body.length >= 0 ? 1 : 0;
    return n;
  },
};

const SMITHY = "smithy getChunkedStream + EventStreamCodec (AWS SDK path)";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * Time every contender on the same chunks, interleaved (run 1 of each, then run 2 of each, …) so
 * that load from elsewhere on the machine spreads over all of them, each after a full GC; the first
 * round warms the JIT up and is dropped. Returns the times per contender, ms.
 */
async function measureAll(chunks: Uint8Array[], frames: Uint8Array[], runs: number): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(Object.keys(contenders).map((name) => [name, []]));
  for (let r = 0; r < runs + 1; r++) {
    for (const [name, run] of Object.entries(contenders)) {
      collectGarbage();
      const t0 = performance.now();
      const n = await run(chunks, frames);
      const t = performance.now() - t0;
      if (n !== frames.length) throw new Error(`${name} decoded ${n} events, expected ${frames.length}`);
      if (r > 0) times.get(name)!.push(t);
    }
  }
  return times;
}

/** Run every workload × contender and return the rows. `scale` shrinks the workloads (tests, smoke runs). */
export async function runDecoderBench(options: { scale?: number; runs?: number; log?: (line: string) => void } = {}): Promise<DecoderResult[]> {
  const scale = options.scale ?? 1;
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  const events = Math.round(200_000 * scale);
  const big = Math.max(4, Math.round(64 * scale));
  // Each workload's bytes are built just before it runs and dropped after: (a)'s 200,000 frame
  // views left alive would make every GC during (b) (frequent: 1 MiB buffers) mark them again.
  const groups = [
    { name: `(a) ${events.toLocaleString("en")} text deltas`, make: () => textDeltaBody(events), chunkings: [["16 KiB", 16 * KIB], ["1 KiB", KIB]] as const, runs },
    // (b) runs are short (~50 ms) and memory-bound, so the noisiest: three times the runs.
    { name: `(b) ${big} × 1 MiB frames`, make: () => largeFrameBody(big, MIB), chunkings: [["64 KiB", 64 * KIB], ["16 KiB", 16 * KIB]] as const, runs: runs * 3 },
  ];
  const results: DecoderResult[] = [];
  for (const group of groups) {
    let data: { body: Uint8Array; frames: Uint8Array[] } | null = group.make();
    for (const [chunk, size] of group.chunkings) {
      const { body, frames } = data;
      const timed = await measureAll(chunksOf(body, size), frames, group.runs);
      const rows: DecoderResult[] = [];
      for (const [name, ts] of timed) {
        const ms = Math.min(...ts);
        rows.push({
          workload: group.name,
          chunk,
          decoder: name,
          events: frames.length,
          bytes: body.length,
          ms: round(ms, 2),
          medianMs: round(median(ts), 2),
          eventsPerSecond: Math.round((frames.length / ms) * 1000),
          megabytesPerSecond: round(body.length / 1e6 / (ms / 1000), 1),
          vsSmithy: 0,
          vsSmithyMedian: 0,
        });
      }
      const smithy = rows.find((r) => r.decoder === SMITHY)!;
      for (const r of rows) {
        r.vsSmithy = round(smithy.ms / r.ms, 2);
        r.vsSmithyMedian = round(smithy.medianMs / r.medianMs, 2);
        log(
          `${r.workload.padEnd(26)} ${r.chunk.padEnd(7)} ${r.decoder.padEnd(58)} ${fmt(r.eventsPerSecond).padStart(12)} ev/s ${r.megabytesPerSecond.toFixed(1).padStart(8)} MB/s  ${r.vsSmithy.toFixed(2).padStart(6)}× (median ${r.vsSmithyMedian.toFixed(2)}×)`,
        );
      }
      results.push(...rows);
    }
    data = null; // let this workload's bytes go before the next one is built
  }
  return results;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function fmt(n: number): string {
  return n.toLocaleString("en");
}
