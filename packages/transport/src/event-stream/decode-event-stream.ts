import { EventStreamDecoder, type EventStreamDecoderOptions } from "./event-stream-decoder.js";
import type { EventStreamMessage } from "./types.js";

/**
 * Decode a response body into event-stream messages as the bytes arrive.
 *
 * Frames are yielded in order; a corrupt frame throws {@link EventStreamDecodeError} after every
 * good frame before it was yielded (nothing is lost), and a stream that ends inside a frame throws
 * a `truncated` one. Breaking out of the loop returns the source iterator, which releases the
 * connection.
 */
export async function* decodeEventStream(
  source: AsyncIterable<Uint8Array>,
  options: EventStreamDecoderOptions = {},
): AsyncGenerator<EventStreamMessage, void, undefined> {
  const queue: EventStreamMessage[] = [];
  const decoder = new EventStreamDecoder({ ...options, onMessage: (message) => queue.push(message) });
  for await (const chunk of source) {
    let failure: unknown;
    try {
      decoder.feed(chunk);
    } catch (error) {
      failure = error;
    }
    if (queue.length === 1) {
      const only = queue[0]!;
      queue.length = 0;
      yield only;
    } else if (queue.length > 0) {
      const batch = queue.splice(0, queue.length);
      for (let i = 0; i < batch.length; i++) yield batch[i]!;
    }
    if (failure !== undefined) throw failure;
  }
  decoder.end();
}
