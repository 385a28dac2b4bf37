import type { Model, StreamRequest } from "../types/index.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";

/**
 * The escape hatches, applied last to a built body: `extraBody` (top-level fields merged over
 * the body: a Bedrock field streambed does not know yet), then `onPayload(body, model)`, whose
 * result (a JSON object) is what gets sent; `undefined` keeps the body (changed in place or not).
 * Nothing streambed checks runs after them: they are the caller's last word.
 */
export async function applyPayloadHooks<T extends Record<string, unknown>>(body: T, request: StreamRequest, model: Model): Promise<Record<string, unknown>> {
  const { extraBody, onPayload } = request;
  let out: Record<string, unknown> = body;
  if (extraBody !== undefined) {
    if (!isPlainObject(extraBody)) invalidRequest("extraBody", `expected an object of top-level Converse fields, got ${describeValue(extraBody)}.`);
    out = { ...out, ...extraBody };
  }
  if (onPayload === undefined) return out;
  if (typeof onPayload !== "function") invalidRequest("onPayload", `expected a function (body, model) => body, got ${describeValue(onPayload)}.`);
  const replaced = await onPayload(out, model);
  if (replaced === undefined) return out;
  if (!isPlainObject(replaced)) invalidRequest("onPayload", `the hook must return the body as a plain object (or undefined to keep it), got ${describeValue(replaced)}.`);
  return replaced;
}
