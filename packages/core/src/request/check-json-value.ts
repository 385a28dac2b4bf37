import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";

const MAX_DEPTH = 64;

/**
 * Throws an InvalidRequestError naming the path unless `value` is plain JSON: strings, booleans,
 * finite numbers, null, arrays and plain objects (no functions, undefined array items, NaN,
 * bigint, class instances, cycles), nested at most 64 deep. Undefined object properties are
 * allowed (JSON.stringify drops them; zod-to-json-schema output has them).
 */
export function checkJsonValue(value: unknown, path: string, depth = 0): void {
  if (depth > MAX_DEPTH) invalidRequest(path, "the schema is nested too deeply (or refers to itself). Use $defs/$ref for recursive types.");
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) invalidRequest(path, `${value} is not a JSON number.`);
      return;
    case "object":
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((v, i) => checkJsonValue(v, `${path}[${i}]`, depth + 1));
        return;
      }
      if (!isPlainObject(value)) invalidRequest(path, "the schema holds a non-JSON object (class instance, Date, Map …). Use plain JSON.");
      for (const key of Object.keys(value)) {
        if (value[key] !== undefined) checkJsonValue(value[key], `${path}.${key}`, depth + 1);
      }
      return;
    default:
      invalidRequest(path, `the schema holds ${describeValue(value)}, which is not JSON.`);
  }
}
