import { AbortError, EventStreamDecoder, type Crc32, type EventStreamMessage } from "@streambed/transport";
import type { StreamEvent } from "../types/index.js";
import { StreamNormaliser, type StreamContext } from "./normalise-stream.js";

/** Options of {@link normaliseBody}. */
export interface NormaliseBodyOptions {
  /** CRC-32 for the decoder (Node injects `zlib.crc32`). */
  crc32?: Crc32;
  /** Called once per body chunk, before it is decoded (the client's idle timer). */
  onChunk?: () => void;
  /**
   * Checked each time the caller resumes after an event: once aborted, the next pull throws an
   * `AbortError` (and the body is returned), even if the transport ignores the signal.
   */
  signal?: AbortSignal;
}

/**
 * A ConverseStream response body (raw bytes) → streambed's normalised events, in one async layer:
 * `normaliseStream(decodeEventStream(body))` with the decoder and the normaliser driven
 * synchronously from this loop, so each event costs one generator step instead of three.
 *
 * Same events, same errors, same order as that composition: the frames a chunk completes are
 * normalised one at a time as the caller pulls; a corrupt frame throws after every event of the
 * good frames before it; breaking out of the loop returns the body (releasing the connection).
 */
export async function* normaliseBody(
  body: AsyncIterable<Uint8Array>,
  context: StreamContext,
  options: NormaliseBodyOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  const normaliser = new StreamNormaliser(context);
  const frames: EventStreamMessage[] = [];
  const decoder = new EventStreamDecoder({ ...(options.crc32 ? { crc32: options.crc32 } : {}), onMessage: (frame) => frames.push(frame) });
  const events: StreamEvent[] = [];
  const onChunk = options.onChunk;
  const signal = options.signal;
  for await (const chunk of body) {
    onChunk?.();
    let failure: unknown;
    try {
      decoder.feed(chunk);
    } catch (error) {
      failure = error;
    }
    for (let f = 0; f < frames.length; f++) {
      normaliser.push(frames[f]!, events);
      for (let i = 0; i < events.length; i++) {
        yield events[i]!;
        if (signal?.aborted) throw new AbortError();
      }
      events.length = 0;
    }
    frames.length = 0;
    if (failure !== undefined) throw failure;
  }
  decoder.end();
  normaliser.finish(events);
  for (let i = 0; i < events.length; i++) yield events[i]!;
}
