import type { ResponseFormat, StreamEvent } from "../types/index.js";
import { parseStructuredOutput } from "./parse-structured-output.js";
import type { SchemaCheck } from "./schema-check.js";

/**
 * `events` with the `done` event's message parsed for `responseFormat` ({@link parseStructuredOutput}):
 * `done.message.parsed` holds the value, or the iterator throws a `StructuredOutputError` in place
 * of `done`. Every other event passes through as it is; breaking out closes `events`.
 */
export async function* withStructuredOutput(
  events: AsyncGenerator<StreamEvent, void, undefined>,
  format: ResponseFormat,
  check?: SchemaCheck,
): AsyncGenerator<StreamEvent, void, undefined> {
  for await (const event of events) {
    if (event.type === "done") await parseStructuredOutput(event.message, format, check);
    yield event;
  }
}
