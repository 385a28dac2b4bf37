/** A JSON object from the request body. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` as an array of objects (non-objects become `{}`), or `[]` when it is not an array. */
export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.map((v) => (isObject(v) ? v : {})) : [];
}

/** The body's `messages` (each coerced to an object), `[]` when absent. */
export function messagesOf(body: JsonObject): JsonObject[] {
  return objects(body["messages"]);
}

/** The content blocks of a message, `[]` when its content is not an array. */
export function blocksOf(message: JsonObject): JsonObject[] {
  return objects(message["content"]);
}
