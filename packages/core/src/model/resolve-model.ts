import { ModelNotFoundError } from "../errors/client-errors.js";
import type { Model } from "../types/model.js";
import type { StreambedConfig } from "../config/config-schema.js";
import { configuredModels } from "../config/configured-models.js";
import { DISCOVERY_DEFAULTS } from "../config/discovery-settings.js";
import { knownModelLimits } from "../discovery/known-model-limits.js";
import { rememberById } from "./remember-by-id.js";
import { PROFILE_PREFIXES, profilePrefix } from "../discovery/base-model-id.js";
import { BEDROCK_PROVIDER, parseModelRef } from "./parse-model-ref.js";

/** Provider names accepted as meaning Bedrock. */
const BEDROCK_ALIASES = new Set([BEDROCK_PROVIDER, "bedrock"]);

const EXAMPLE_ID = "us.anthropic.claude-sonnet-4-6";
const EXAMPLE_REF = `amazon-bedrock/${EXAMPLE_ID}`;

/** `agents.defaults.model.primary` (or a bare string at `agents.defaults.model`). */
export function defaultModelRef(config: StreambedConfig | undefined): string | undefined {
  const model = config?.agents?.defaults?.model;
  const ref = typeof model === "string" ? model : model?.primary;
  return typeof ref === "string" && ref.trim() !== "" ? ref : undefined;
}

function isModelObject(value: unknown): value is Model {
  return typeof value === "object" && value !== null;
}

/**
 * The known-model table's entry for an id, remembered: matching an id against the table's patterns
 * is most of resolving a bare id (≈ 20 µs a call when the CPU comes back from waiting on the network).
 */
const knownLimits = rememberById(knownModelLimits);

/** A Model for an id streambed has no entry for: the known-model table, else the discovery defaults. */
function modelFromId(id: string, config: StreambedConfig | undefined): Model {
  const known = knownLimits(id);
  // The two discovery defaults discoverySettings() would give, read alone (not its provider filter).
  const discovery = config?.models?.bedrockDiscovery;
  const prefix = profilePrefix(id);
  const model: Model = {
    id,
    name: known?.name ? (prefix ? `${known.name} (${PROFILE_PREFIXES[prefix]})` : known.name) : id,
    api: "bedrock-converse-stream",
    provider: BEDROCK_PROVIDER,
    reasoning: known?.reasoning ?? false,
    // Each model gets its own array and cost object, as knownModelLimits hands out.
    input: known?.input ? [...known.input] : ["text"],
    cost: known?.cost ? { ...known.cost } : { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: known?.contextWindow ?? discovery?.defaultContextWindow ?? DISCOVERY_DEFAULTS.defaultContextWindow,
    maxTokens: known?.maxTokens ?? discovery?.defaultMaxTokens ?? DISCOVERY_DEFAULTS.defaultMaxTokens,
  };
  if (known?.supportsCaching !== undefined) model.supportsCaching = known.supportsCaching;
  return model;
}

/**
 * Turns what a call names into a {@link Model}:
 * - a Model object (pi-ai's shape) is used as it is;
 * - `"amazon-bedrock/<id>"`, a bare id, an inference-profile id or an ARN is looked up in
 *   `context.models` (configured + discovered), then the config's models; an id found nowhere
 *   still works: it gets the known limits for that model, else the discovery defaults;
 * - `undefined` means the config's `agents.defaults.model.primary`.
 * Throws {@link ModelNotFoundError} when no model is named and no default is set, or when the
 * reference names another provider.
 */
export function resolveModel(
  ref: string | Model | undefined,
  context: { config?: StreambedConfig | undefined; models?: readonly Model[] | undefined } = {},
): Model {
  const { config } = context;
  if (isModelObject(ref)) {
    if (typeof ref.id !== "string" || ref.id.trim() === "") {
      throw new ModelNotFoundError(`The model object has no id. Give it the Bedrock model id to call, e.g. { id: "${EXAMPLE_ID}", … }.`);
    }
    return ref;
  }
  let text = typeof ref === "string" ? ref.trim() : "";
  let fromDefault = false;
  if (text === "") {
    const primary = defaultModelRef(config);
    if (primary === undefined) {
      throw new ModelNotFoundError(
        `No model given and no default model is set. Pass model (e.g. "${EXAMPLE_REF}"), or set the default: streambed config set agents.defaults.model.primary ${EXAMPLE_REF} (or agents.defaults.model.primary in ~/.streambed/config.json5).`,
      );
    }
    text = primary.trim();
    fromDefault = true;
  }
  const { provider, id } = parseModelRef(text);
  const where = fromDefault ? " (agents.defaults.model.primary)" : "";
  if (provider !== undefined && !BEDROCK_ALIASES.has(provider.toLowerCase())) {
    throw new ModelNotFoundError(
      `Model "${text}"${where} belongs to provider "${provider}"; streambed serves only ${BEDROCK_PROVIDER}. Use "${BEDROCK_PROVIDER}/<model id>" or a bare Bedrock model id.`,
    );
  }
  if (id === "") {
    throw new ModelNotFoundError(`Model "${text}"${where} has no model id after "${provider}/". Use e.g. "${EXAMPLE_REF}".`);
  }
  const lower = id.toLowerCase();
  const find = (list: readonly Model[]): Model | undefined => list.find((m) => m.id === id) ?? list.find((m) => m.id.toLowerCase() === lower);
  // The config's models are built only when the listed ones (usually configured + discovered) miss.
  const found = find(context.models ?? []) ?? find(configuredModels(config));
  if (found) return found;
  return modelFromId(id, config);
}
