import { expect } from "vitest";
import { EventStreamDecodeError } from "../../errors/transport-errors.js";

/** What `fn` threw, checked to be an {@link EventStreamDecodeError}. */
export function decodeError(fn: () => void): EventStreamDecodeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    return error as EventStreamDecodeError;
  }
  throw new Error("expected an EventStreamDecodeError");
}
