/** Bytes around the headers and payload: total length, headers length, prelude CRC, message CRC. */
export const FRAME_OVERHEAD = 16;
/** Bytes of the prelude: total length, headers length, prelude CRC. */
export const PRELUDE_LENGTH = 12;
/** The event-stream specification's largest payload: 24 MiB. */
export const MAX_PAYLOAD_LENGTH = 24 * 1024 * 1024;
/** The event-stream specification's largest headers section: 128 KiB. */
export const MAX_HEADERS_LENGTH = 128 * 1024;
/** Default largest frame the decoder accepts before allocating anything for it. */
export const DEFAULT_MAX_MESSAGE_LENGTH = MAX_PAYLOAD_LENGTH + MAX_HEADERS_LENGTH + FRAME_OVERHEAD;
