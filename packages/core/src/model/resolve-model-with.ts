import { ModelNotFoundError } from "../errors/client-errors.js";
import type { Model } from "../types/model.js";
import type { StreambedConfig } from "../config/config-schema.js";
import type { KnownModels } from "./known-models.js";
import { modelFromId } from "./model-from-id.js";
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

/** Where {@link resolveModelWith} looks a model up. */
export interface ModelLookup {
  /** The config: its default model (`agents.defaults.model.primary`) and discovery defaults. */
  config?: StreambedConfig | undefined;
  /** The models to look in first (configured + discovered). */
  models?: readonly Model[] | undefined;
  /** Looked in when `models` has no match (built only then). */
  more?: (() => readonly Model[]) | undefined;
  /** The known-model table for an id found in neither; without one nothing is assumed (`modelFromId`). */
  knownModels?: KnownModels | undefined;
}

/**
 * Turns what a call names into a {@link Model}:
 * - a Model object (pi-ai's shape) is used as it is;
 * - `"amazon-bedrock/<id>"`, a bare id, an inference-profile id or an ARN is looked up in
 *   `lookup.models`, then `lookup.more()`; an id found nowhere still works (`modelFromId`): it
 *   gets `lookup.knownModels`' entry, else the discovery defaults; with no table, nothing assumed;
 * - `undefined` means the config's `agents.defaults.model.primary`.
 * Throws {@link ModelNotFoundError} when no model is named and no default is set, or when the
 * reference names another provider. The client's calls resolve through this with the client's
 * table (none unless given), so a client without the table bundles none of it.
 */
export function resolveModelWith(ref: string | Model | undefined, context: ModelLookup = {}): Model {
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
  const found = find(context.models ?? []) ?? (context.more ? find(context.more()) : undefined);
  if (found) return found;
  return modelFromId(id, config, context.knownModels);
}
