import { ConfigError } from "../errors/client-errors.js";

/** One step of a config path: an object key or an array index. */
export type ConfigPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * Splits a config path into keys and indexes. Dots separate keys; brackets hold quoted keys or
 * indexes: `models.providers["amazon-bedrock"].models[0].id`. Throws {@link ConfigError} on a
 * malformed path.
 */
export function parseConfigPath(path: string): ConfigPathSegment[] {
  const segments: ConfigPathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new ConfigError(
      `Invalid config path ${JSON.stringify(path)}: ${why}. Use dots and brackets, e.g. models.providers["amazon-bedrock"].baseUrl or models.providers["amazon-bedrock"].models[0].id.`,
      { path },
    );
  };
  if (path.trim() === "") fail("it is empty");
  while (i < path.length) {
    const ch = path[i];
    if (ch === "[") {
      const quote = path[i + 1];
      if (quote === '"' || quote === "'") {
        let j = i + 2;
        let key = "";
        while (j < path.length && path[j] !== quote) {
          if (path[j] === "\\" && j + 1 < path.length) j++;
          key += path[j];
          j++;
        }
        if (path[j] !== quote || path[j + 1] !== "]") fail(`unclosed ${quote} at position ${i}`);
        segments.push(key);
        i = j + 2;
      } else {
        const end = path.indexOf("]", i);
        if (end < 0) fail(`unclosed [ at position ${i}`);
        const inner = path.slice(i + 1, end);
        if (!/^\d+$/.test(inner)) fail(`[${inner}] is neither an index nor a quoted key`);
        segments.push(Number(inner));
        i = end + 1;
      }
    } else if (ch === ".") {
      if (i === 0 || i === path.length - 1 || path[i + 1] === "." || path[i + 1] === "[") fail(`misplaced "." at position ${i}`);
      i++;
    } else {
      if (i > 0 && path[i - 1] === "]") fail(`expected "." or "[" after "]" at position ${i}`);
      let j = i;
      while (j < path.length && path[j] !== "." && path[j] !== "[") j++;
      segments.push(path.slice(i, j));
      i = j;
    }
  }
  for (const segment of segments) {
    if (typeof segment === "string" && FORBIDDEN_KEYS.has(segment)) fail(`"${segment}" is not allowed as a key`);
  }
  return segments;
}

/** Formats path segments the way {@link parseConfigPath} reads them: `models.providers["amazon-bedrock"].models[0]`. */
export function formatConfigPath(segments: readonly ConfigPathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function childOf(container: unknown, segment: ConfigPathSegment): unknown {
  if (!isContainer(container)) return undefined;
  if (Array.isArray(container)) return typeof segment === "number" ? container[segment] : undefined;
  return Object.prototype.hasOwnProperty.call(container, segment) ? (container as Record<string, unknown>)[String(segment)] : undefined;
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** The value at `path` in `obj`, or `undefined` when any step is missing. */
export function getConfigPath(obj: unknown, path: string): unknown {
  let current = obj;
  for (const segment of parseConfigPath(path)) {
    current = childOf(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Shallow copy of an object or array (the only copies set/unset make: the spine of the path). */
function copyContainer(value: Record<string, unknown> | unknown[]): Record<string, unknown> | unknown[] {
  return Array.isArray(value) ? value.slice() : { ...value };
}

function assign(container: Record<string, unknown> | unknown[], segment: ConfigPathSegment, value: unknown): void {
  if (Array.isArray(container) && typeof segment === "number") container[segment] = value;
  else Object.defineProperty(container, segment, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Returns a copy of `obj` with `value` at `path`, creating missing parents (an array when the next
 * step is an index, else an object). `obj` is not modified; untouched branches are shared.
 * Throws {@link ConfigError} when a step crosses a value that is not an object or array.
 */
export function setConfigPath(obj: unknown, path: string, value: unknown): unknown {
  const segments = parseConfigPath(path);
  const build = (current: unknown, index: number): unknown => {
    if (index === segments.length) return value;
    const segment = segments[index]!;
    let container: Record<string, unknown> | unknown[];
    if (current === undefined || current === null) container = typeof segment === "number" ? [] : {};
    else if (!isContainer(current)) {
      throw new ConfigError(
        `Cannot set ${path}: ${formatConfigPath(segments.slice(0, index)) || "the config"} is ${describeKind(current)}, not an object. Unset it first or choose another path.`,
        { path },
      );
    } else if (Array.isArray(current) && typeof segment !== "number") {
      throw new ConfigError(`Cannot set ${path}: ${formatConfigPath(segments.slice(0, index))} is an array; use an index like [0].`, { path });
    } else container = copyContainer(current);
    assign(container, segment, build(childOf(container, segment), index + 1));
    return container;
  };
  return build(obj, 0);
}

/**
 * Returns a copy of `obj` without the value at `path` (array elements are removed, later ones
 * move up). A missing path leaves the copy equal to `obj`. `obj` is not modified.
 */
export function unsetConfigPath(obj: unknown, path: string): unknown {
  const segments = parseConfigPath(path);
  const remove = (current: unknown, index: number): unknown => {
    if (!isContainer(current)) return current;
    const segment = segments[index]!;
    if (childOf(current, segment) === undefined && !(isContainer(current) && !Array.isArray(current) && Object.prototype.hasOwnProperty.call(current, segment))) {
      return current;
    }
    const container = copyContainer(current);
    if (index === segments.length - 1) {
      if (Array.isArray(container)) container.splice(segment as number, 1);
      else delete container[String(segment)];
    } else {
      assign(container, segment, remove(childOf(container, segment), index + 1));
    }
    return container;
  };
  return remove(obj, 0);
}
