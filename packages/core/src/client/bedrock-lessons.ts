import { createLearnedLimits, type LearnedLimits } from "../discovery/learned-limits.js";
import { createMemoryDiscoveryCache } from "../discovery/memory-cache.js";
import { ModelLimitExceededError } from "../errors/model-limit-error.js";
import type { Model, StreamRequest } from "../types/index.js";
import type { DiscoveryCacheStore } from "../discovery/discovery-types.js";
import type { DebugEntry } from "./client-options.js";
import { addedByStreambed, rejectedFieldOf, removeAddedField, type AddedFieldKind } from "./repair-added-field.js";

/**
 * What a client learns from Bedrock's own errors (docs/discovery.md, "Learned limits";
 * docs/request-mapping.md, "Repair"): model limits named by a ValidationException, and fields
 * streambed adds that a model refuses. Kept per runtime endpoint in the discovery cache.
 */
export interface BedrockLessons {
  /** The learned facts for calls to `endpoint`. */
  forEndpoint(endpoint: string): LearnedLimits;
  /** The added fields `model` refused before (to leave out of its requests); never waits on the store (`LearnedLimits.peek`). */
  refusedFields(model: Model, endpoint: string): string[];
  /**
   * A failed attempt's error → what to do. A {@link ModelLimitExceededError} naming a number has
   * that limit recorded for the model and comes back with `learned` set and a message saying so.
   * A rejection of a field streambed added (once per call: `mayRepair`) → `repair` with its kind:
   * the caller rebuilds the body without it and retries; the refusal is remembered for the model.
   */
  afterError(error: unknown, context: { model: Model; endpoint: string; request: StreamRequest; mayRepair: boolean }): { error: unknown; repair?: AddedFieldKind };
}

function sourceOf(error: { requestId?: string | undefined }): string {
  return `Bedrock ValidationException${error.requestId ? ` (request ${error.requestId})` : ""}`;
}

/** The lessons of one client; the store is its discovery cache (memory when none is given). */
export function createBedrockLessons(ctx: { cache: DiscoveryCacheStore | undefined; now: () => number; debug: ((entry: DebugEntry) => void) | undefined }): BedrockLessons {
  const cache = ctx.cache ?? createMemoryDiscoveryCache();
  const stores = new Map<string, LearnedLimits>();
  function forEndpoint(endpoint: string): LearnedLimits {
    let store = stores.get(endpoint);
    if (!store) stores.set(endpoint, (store = createLearnedLimits({ cache, runtimeEndpoint: endpoint, now: ctx.now })));
    return store;
  }
  return {
    forEndpoint,
    refusedFields(model, endpoint) {
      return Object.keys(forEndpoint(endpoint).peek(model.id)?.refusedFields ?? {});
    },
    afterError(error, { model, endpoint, request, mayRepair }) {
      if (error instanceof ModelLimitExceededError && error.learned === undefined) {
        const note = forEndpoint(endpoint).learnLimit(model.id, error.limit, sourceOf(error));
        if (note === undefined) return { error };
        const what = note.field === "maxTokens" ? `at most ${note.tokens} output tokens (maxTokens)` : `a context window of ${note.tokens} tokens`;
        ctx.debug?.({ event: "learned", message: `learned from Bedrock: ${model.id} takes ${what}`, modelId: model.id, field: note.field, tokens: note.tokens });
        const learned = new ModelLimitExceededError(
          `${error.message} streambed learned that ${model.id} takes ${what} and recorded it (discovery cache; \`streambed models list\` and \`streambed doctor\` show it).`,
          { status: error.status, requestId: error.requestId, code: error.code, serviceMessage: error.serviceMessage, limit: error.limit, learned: note, cause: error },
        );
        return { error: learned };
      }
      const rejected = mayRepair ? rejectedFieldOf(error) : undefined;
      if (rejected === undefined || !addedByStreambed(rejected.kind, request)) return { error };
      const where = `#${rejected.pointer}`;
      forEndpoint(endpoint).learnRefusedField(model.id, rejected.kind, `${sourceOf(error as { requestId?: string })} at ${where}`);
      ctx.debug?.({
        event: "repair",
        message: `Bedrock refused ${rejected.kind} (${where}), a field streambed added itself: retrying once without it, and leaving it out for ${model.id} from now on`,
        modelId: model.id,
        field: rejected.kind,
        pointer: where,
      });
      return { error, repair: rejected.kind };
    },
  };
}

