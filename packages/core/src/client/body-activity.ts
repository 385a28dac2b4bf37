import { AbortError } from "@streambed/transport";
import type { CallTimeouts } from "./call-timeouts.js";

/** `body`, telling the idle timer when a chunk arrives and when the consumer asks for the next one. */
export async function* tapActivity(body: AsyncIterable<Uint8Array>, timeouts: CallTimeouts): AsyncGenerator<Uint8Array, void, undefined> {
  timeouts.waiting();
  for await (const chunk of body) {
    timeouts.activity();
    yield chunk;
    timeouts.waiting();
  }
}

/**
 * `items`, telling the timeouts each time the caller asks for the next one (`timeouts.pullMs`) and
 * checking their signal then (see `callAttempts`).
 */
export async function* untilAborted<T>(items: AsyncGenerator<T, void, undefined>, timeouts: CallTimeouts): AsyncGenerator<T, void, undefined> {
  timeouts.pulled();
  for await (const item of items) {
    yield item;
    timeouts.pulled();
    if (timeouts.aborted) throw new AbortError();
  }
}
