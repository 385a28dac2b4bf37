/**
 * One header value of an AWS event-stream message, tagged with its wire type (0–9) so that it
 * encodes back to the same bytes.
 */
export type EventStreamHeaderValue =
  | { type: "boolean"; value: boolean }
  | { type: "byte"; value: number }
  | { type: "short"; value: number }
  | { type: "integer"; value: number }
  | { type: "long"; value: bigint }
  | { type: "binary"; value: Uint8Array }
  | { type: "string"; value: string }
  | { type: "timestamp"; value: Date }
  | { type: "uuid"; value: string };

/** Header name → value, in wire order. */
export type EventStreamHeaders = Record<string, EventStreamHeaderValue>;

/**
 * One decoded event-stream frame. `payload` is a view, not a copy: of the chunk the frame arrived
 * in, or of the decoder's own copy of a frame that straddled chunks. It stays valid after later
 * chunks (the decoder never writes a byte it has handed out); copy it only if the body's source
 * reuses its chunk buffers.
 */
export interface EventStreamMessage {
  headers: EventStreamHeaders;
  payload: Uint8Array;
}

/**
 * Receives one decoded, CRC-verified frame in place: its payload is `bytes[payloadStart,
 * payloadEnd)`. `bytes` is the chunk the frame arrived in (or the decoder's copy of a frame that
 * straddled chunks) and, like a payload view, is never written again by the decoder.
 */
export type EventStreamFrameHandler = (bytes: Uint8Array, headers: EventStreamHeaders, payloadStart: number, payloadEnd: number) => void;

/**
 * An object that takes frames in place, like an {@link EventStreamFrameHandler}, through its
 * `onFrame` method (called on the object). For consumers that make a decoder per stream: a
 * method of a class is one function for every stream, where a per-stream closure is a new one
 * that V8's optimised code may embed and throw away once the stream is collected.
 */
export interface EventStreamFrameSink {
  onFrame(bytes: Uint8Array, headers: EventStreamHeaders, payloadStart: number, payloadEnd: number): void;
}

/** CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of `data`, continuing from `initial`. */
export type Crc32 = (data: Uint8Array, initial?: number) => number;
