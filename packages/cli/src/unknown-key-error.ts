import { formatConfigPath, unknownConfigKey, type ConfigPathSegment } from "@streambed/core";
import leven from "leven";
import { UsageError } from "./usage-error.js";

/** The known key closest to `key` (case-insensitive edit distance ≤ 2, or ≤ a third of its length), if any. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(key.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = leven(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Every path inside `value` (its object keys and array indexes, at every depth), `at` prefixed. */
function pathsIn(value: unknown, at: ConfigPathSegment[]): ConfigPathSegment[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => pathsIn(item, [...at, i]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [[...at, k], ...pathsIn(v, [...at, k])]);
  return [];
}

/**
 * `config set` of a key the schema does not know, in an object streambed owns (the path itself or
 * a key inside an object value): a {@link UsageError} saying which key, where, and the closest
 * known key ("did you mean `enabled`?"); `undefined` when every key is known.
 */
export function unknownKeyError(segments: readonly ConfigPathSegment[], value: unknown): UsageError | undefined {
  for (const path of [[...segments], ...pathsIn(value, [...segments])]) {
    const unknown = unknownConfigKey(path);
    if (!unknown) continue;
    const where = unknown.parent.length > 0 ? formatConfigPath(unknown.parent) : "the config";
    const guess = closestKey(unknown.key, unknown.known);
    const hint = guess ? `: did you mean \`${guess}\`?` : ".";
    return new UsageError(`${where} has no key "${unknown.key}"${hint} Its keys: ${unknown.known.join(", ")}.`);
  }
  return undefined;
}
