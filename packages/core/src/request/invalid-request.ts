import { InvalidRequestError } from "../errors/index.js";

/** Throws an {@link InvalidRequestError} naming `path` (e.g. `messages[1].content[0]`) and what to do. */
export function invalidRequest(path: string, message: string): never {
  throw new InvalidRequestError(`${path}: ${message}`, { path });
}

/** A plain object (`{}` literal or `Object.create(null)`), not an array, class instance or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A short, secret-free description of a value for error messages (`a string`, `an array`, `7`). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? "a long string" : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
