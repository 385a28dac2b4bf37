import type { DiscoveryCacheEntry, LearnedLimit, LearnedModelFacts, RefusedField } from "./discovery-types.js";

/** Thrown inside {@link readLearnedFacts} at the first malformed value; never escapes it. */
const MALFORMED = Symbol("malformed");

type Obj = Record<string, unknown>;

function object(value: unknown): Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw MALFORMED;
  return value as Obj;
}

function time(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw MALFORMED;
  return value;
}

function text(value: unknown): string {
  if (typeof value !== "string") throw MALFORMED;
  return value;
}

function limit(value: unknown): LearnedLimit {
  const o = object(value);
  const tokens = o.tokens;
  if (typeof tokens !== "number" || !Number.isInteger(tokens) || tokens < 1) throw MALFORMED;
  return { tokens, learnedAt: time(o.learnedAt), source: text(o.source) };
}

function facts(value: unknown): LearnedModelFacts {
  const o = object(value);
  const out: LearnedModelFacts = {};
  if (o.maxTokens !== undefined) out.maxTokens = limit(o.maxTokens);
  if (o.contextWindow !== undefined) out.contextWindow = limit(o.contextWindow);
  if (o.refusedFields !== undefined) {
    const refused: Record<string, RefusedField> = {};
    for (const [kind, field] of Object.entries(object(o.refusedFields))) {
      const f = object(field);
      refused[kind] = { learnedAt: time(f.learnedAt), source: text(f.source) };
    }
    out.refusedFields = refused;
  }
  return out;
}

/**
 * The learned facts of a cache entry read from an untrusted store (a disk file, a KV value): only
 * the known fields, checked; anything malformed reads as nothing learned. Checked by hand rather
 * than with the config's schema library so that the call path (which reads these) does not bundle
 * it: see docs/benchmarks.md, "Edge bundle".
 */
export function readLearnedFacts(entry: DiscoveryCacheEntry | undefined): Record<string, LearnedModelFacts> {
  try {
    const out: Record<string, LearnedModelFacts> = {};
    for (const [model, value] of Object.entries(object(entry?.learned))) out[model] = facts(value);
    return out;
  } catch (error) {
    if (error === MALFORMED) return {};
    throw error;
  }
}
