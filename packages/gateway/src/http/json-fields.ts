import { invalidField } from "../errors/gateway-error.js";

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a JSON value is, for messages: `a string`, `an array`, `null` … */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

/** `value` as an object, else a 400 naming `param`. */
export function objectAt(value: unknown, param: string): Record<string, unknown> {
  if (!isObject(value)) throw invalidField(param, `expected an object, got ${describe(value)}.`, "invalid_type");
  return value;
}

/** `value` as a string, else a 400 naming `param`. */
export function stringAt(value: unknown, param: string): string {
  if (typeof value !== "string") throw invalidField(param, `expected a string, got ${describe(value)}.`, "invalid_type");
  return value;
}

/** `value` as a finite number in [min, max] (an integer when `integer`), else a 400 naming `param`. */
export function numberAt(value: unknown, param: string, min: number, max: number, integer = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw invalidField(param, `expected ${integer ? "an integer" : "a number"}, got ${describe(value)}.`, "invalid_type");
  }
  if (value < min || value > max) throw invalidField(param, `${value} is out of range: it must be between ${min} and ${max}.`);
  return value;
}

/** `value` as a boolean, else a 400 naming `param`. */
export function booleanAt(value: unknown, param: string): boolean {
  if (typeof value !== "boolean") throw invalidField(param, `expected true or false, got ${describe(value)}.`, "invalid_type");
  return value;
}

/** `value` as an array, else a 400 naming `param`. */
export function arrayAt(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) throw invalidField(param, `expected an array, got ${describe(value)}.`, "invalid_type");
  return value;
}

/** Whether a field is absent (missing or null, as OpenAI's API treats null). */
export function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
