export type { Crc32, EventStreamFrameHandler, EventStreamFrameSink, EventStreamHeaders, EventStreamHeaderValue, EventStreamMessage } from "./types.js";
export { crc32 } from "./crc32.js";
export { decodeEventStream } from "./decode-event-stream.js";
export { EventStreamDecoder, type EventStreamDecoderHandler, type EventStreamDecoderOptions } from "./event-stream-decoder.js";
export { encodeEventStreamMessage, type EncodeOptions } from "./encode-event-stream-message.js";
export { DEFAULT_MAX_MESSAGE_LENGTH, MAX_HEADERS_LENGTH, MAX_PAYLOAD_LENGTH } from "./limits.js";
export { decodeUtf8, encodeUtf8, utf8Decoder } from "./utf8.js";
