import * as v from "valibot";
import { modelSchema } from "../config/config-schema.js";
import { describeIssue } from "../config/parse-config.js";
import type { DiscoveryCacheEntry } from "./discovery-types.js";

const time = v.pipe(v.number("a time in ms since the epoch"), v.finite("a time in ms since the epoch"));

/** A {@link DiscoveryCacheEntry}: its models are checked with the config's model schema, made complete. */
const discoveryCacheEntrySchema = v.looseObject(
  {
    models: v.array(modelSchema, "an array of model objects"),
    fetchedAt: time,
    expiresAt: v.optional(time),
    profilesReason: v.optional(v.string("a string")),
  },
  "a discovery cache entry { models, fetchedAt }",
);

/** The first issue as the config's errors say it (`models[3].input: expected …, got "text"`), and how many more. */
function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = describeIssue(issues[0]!);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return `${first.path || "(entry)"}: expected ${first.expected}, got ${first.received}${more}`;
}

/** What {@link checkDiscoveryCacheEntry} found: the entry, or the first problem (`models[3].input: expected …, got "text"`). */
export type DiscoveryCacheEntryCheck = { ok: true; entry: DiscoveryCacheEntry } | { ok: false; problem: string };

/**
 * Checks a cache entry read from an untrusted store (a file, a KV namespace, a custom store) with
 * the same valibot schema as the config. A failing entry must be dropped and fetched again; the
 * problem says where and what, e.g. `models[3].input: expected an array of "text" / "image", got "text"`.
 */
export function checkDiscoveryCacheEntry(value: unknown): DiscoveryCacheEntryCheck {
  const result = v.safeParse(discoveryCacheEntrySchema, Array.isArray(value) ? undefined : value);
  if (result.success) return { ok: true, entry: value as DiscoveryCacheEntry };
  return { ok: false, problem: describeIssues(result.issues) };
}

/** Type guard for a cache entry read from an untrusted store ({@link checkDiscoveryCacheEntry}). */
export function isDiscoveryCacheEntry(value: unknown): value is DiscoveryCacheEntry {
  return checkDiscoveryCacheEntry(value).ok;
}
