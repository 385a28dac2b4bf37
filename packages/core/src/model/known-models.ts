import type { Model } from "../types/model.js";

/**
 * What a client knows about Bedrock models it has no listing or config entry for: a model id (bare,
 * inference-profile id or ARN) → its name, limits, reasoning, input modalities, price and
 * prompt-caching support, or `undefined` when it does not know the model. `knownModelLimits` is
 * streambed's table; the Node `createBedrock` uses it, and an edge client uses it when given it
 * (`createBedrock({ knownModels: knownModelLimits })`) or `modelDiscovery()`. Without one, a model
 * id found in no listing is called with nothing assumed about it (see `resolveModelWith`).
 */
export type KnownModels = (modelId: string) => Partial<Model> | undefined;
