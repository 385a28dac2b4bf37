import type { LearnedLimitNote, ModelLimitInfo } from "../errors/model-limit-error.js";
import type { Model } from "../types/model.js";
import { baseModelId } from "./base-model-id.js";
import { readLearnedFacts } from "./read-learned-facts.js";

export { readLearnedFacts };
import type { DiscoveryCacheEntry, DiscoveryCacheStore, LearnedLimit, LearnedModelFacts, RefusedField } from "./discovery-types.js";

export type { LearnedLimit, LearnedModelFacts, RefusedField } from "./discovery-types.js";

/** Learned facts per model, kept in the discovery cache (so the CLI and short-lived processes share them). */
export interface LearnedLimits {
  /** Everything learned so far, by base model id (geography prefix and ARN stripped). */
  all(): Promise<Record<string, LearnedModelFacts>>;
  /** What was learned about `modelId` (any of its ids: `us.…`, bare, ARN). */
  get(modelId: string): Promise<LearnedModelFacts | undefined>;
  /**
   * What is known about `modelId` now, without waiting: the store is read in the background on the
   * first call (a call never waits on it; until it is read, only this process's lessons count).
   */
  peek(modelId: string): LearnedModelFacts | undefined;
  /**
   * Record the limit a ValidationException named (`limit.maximum`) for `modelId`. Returns what was
   * recorded, or undefined when the error named no number. Kept in memory at once; written to the
   * cache in the background (a failing store only loses the persistence).
   */
  learnLimit(modelId: string, limit: ModelLimitInfo, source: string): LearnedLimitNote | undefined;
  /** Record that Bedrock refused a field streambed added (`kind`) for `modelId`. */
  learnRefusedField(modelId: string, kind: string, source: string): void;
  /** The writes started so far, settled (for tests and for a clean exit). */
  flushed(): Promise<void>;
}

/** The discovery-cache key learned facts are kept under: per runtime endpoint, so an emulator's never mix with Bedrock's. */
export function learnedLimitsCacheKey(runtimeEndpoint: string): string {
  return JSON.stringify({ v: 1, learned: "model-facts", endpoint: runtimeEndpoint.replace(/\/+$/, "") });
}

/**
 * A {@link LearnedLimits} on a discovery cache store. Writes are read-merge-write under one queue
 * (per client), so two facts learned at once are both kept.
 */
export function createLearnedLimits(options: { cache: DiscoveryCacheStore; runtimeEndpoint: string; now?: () => number }): LearnedLimits {
  const key = learnedLimitsCacheKey(options.runtimeEndpoint);
  const now = options.now ?? Date.now;
  const memory = new Map<string, LearnedModelFacts>();
  let loaded: Promise<void> | undefined;
  let writes: Promise<void> = Promise.resolve();

  function load(): Promise<void> {
    loaded ??= options.cache.get(key).then(
      (entry) => {
        for (const [id, facts] of Object.entries(readLearnedFacts(entry))) memory.set(id, { ...facts, ...memory.get(id) });
      },
      () => undefined,
    );
    return loaded;
  }

  function update(modelId: string, change: (facts: LearnedModelFacts) => void): void {
    const id = baseModelId(modelId);
    const facts = { ...memory.get(id) };
    change(facts);
    memory.set(id, facts);
    writes = writes
      .then(async () => {
        const stored = readLearnedFacts(await options.cache.get(key).catch(() => undefined));
        const merged = { ...stored[id] };
        change(merged);
        stored[id] = merged;
        await options.cache.set(key, { models: [], fetchedAt: now(), learned: stored });
      })
      .catch(() => undefined);
  }

  return {
    async all() {
      await load();
      return Object.fromEntries(memory);
    },
    async get(modelId) {
      await load();
      return memory.get(baseModelId(modelId));
    },
    peek(modelId) {
      void load();
      return memory.get(baseModelId(modelId));
    },
    learnLimit(modelId, limit, source) {
      if (limit.maximum === undefined) return undefined;
      const field = limit.kind === "output" ? "maxTokens" : "contextWindow";
      const learned: LearnedLimit = { tokens: limit.maximum, learnedAt: now(), source };
      update(modelId, (facts) => {
        facts[field] = learned;
      });
      return { modelId, field, ...learned };
    },
    learnRefusedField(modelId, kind, source) {
      const refused: RefusedField = { learnedAt: now(), source };
      update(modelId, (facts) => {
        facts.refusedFields = { ...facts.refusedFields, [kind]: refused };
      });
    },
    flushed: () => writes,
  };
}

/** A model with the limits Bedrock taught streambed applied, and where each came from. */
export type ModelWithLearnedLimits<M extends Model> = M & { learned?: LearnedModelFacts };

/**
 * `model` with its learned limits applied: a learned `maxTokens` / `contextWindow` replaces the
 * catalogue's when it is lower (Bedrock named it as the most it accepts; a higher learned value
 * only says the limit lies above what was asked, so the catalogue's stands). `learned` carries the
 * facts with their sources for display (`streambed models list`, `doctor`).
 */
export function applyLearnedLimits<M extends Model>(model: M, facts: LearnedModelFacts | undefined): ModelWithLearnedLimits<M> {
  if (facts === undefined || (facts.maxTokens === undefined && facts.contextWindow === undefined && facts.refusedFields === undefined)) return model;
  const out: ModelWithLearnedLimits<M> = { ...model, learned: facts };
  if (facts.maxTokens !== undefined && facts.maxTokens.tokens < model.maxTokens) out.maxTokens = facts.maxTokens.tokens;
  if (facts.contextWindow !== undefined && facts.contextWindow.tokens < model.contextWindow) out.contextWindow = facts.contextWindow.tokens;
  return out;
}

/** One line per learned fact: `maxTokens 4096 (learned 2026-12-04T14:30:00Z from Bedrock ValidationException (request …))`. */
export function describeLearnedFacts(facts: LearnedModelFacts): string[] {
  const lines: string[] = [];
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  if (facts.maxTokens) lines.push(`maxTokens ${facts.maxTokens.tokens} (learned ${at(facts.maxTokens.learnedAt)} from ${facts.maxTokens.source})`);
  if (facts.contextWindow) lines.push(`contextWindow ${facts.contextWindow.tokens} (learned ${at(facts.contextWindow.learnedAt)} from ${facts.contextWindow.source})`);
  for (const [kind, refused] of Object.entries(facts.refusedFields ?? {})) lines.push(`${kind} not sent (refused ${at(refused.learnedAt)}: ${refused.source})`);
  return lines;
}
