import { configSchema, configuredModelSchema } from "./config-schema.js";
import type { ConfigPathSegment } from "./config-path.js";

/** A valibot schema as walked here: only the fields the walk reads. */
interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  options?: SchemaNode[];
  item?: SchemaNode;
}

/**
 * Keys OpenClaw defines in the closed objects that streambed does not read: accepted, kept, ignored.
 * (`authHeader` on a provider, `compat` on a model.)
 */
const OPENCLAW_ONLY_KEYS: Record<string, readonly string[]> = { provider: ["authHeader"], model: ["compat"] };

/**
 * The objects whose keys streambed owns, by their place: a key there that the schema does not
 * know is a typo (`enabeld`), not another tool's setting. The root, `models`, `models.providers`,
 * `agents` and `agents.defaults` are shared with OpenClaw and stay open.
 */
function closedKind(parent: readonly ConfigPathSegment[]): "discovery" | "provider" | "model" | "cost" | undefined {
  const p = parent.map(String);
  if (p.length === 2 && p[0] === "models" && p[1] === "bedrockDiscovery") return "discovery";
  if (p.length === 3 && p[0] === "models" && p[1] === "providers" && p[2] === "amazon-bedrock") return "provider";
  const model = p.length >= 5 && p[0] === "models" && p[1] === "providers" && p[2] === "amazon-bedrock" && p[3] === "models" && typeof parent[4] === "number";
  if (model && p.length === 5) return "model";
  if (model && p.length === 6 && p[5] === "cost") return "cost";
  return undefined;
}

/** The object schema a value at this node must be, looking through optional/pipe/union/array wrappers. */
function objectOf(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  while (n) {
    if (n.entries) return n;
    if (n.wrapped) n = n.wrapped;
    else if (n.options) n = n.options.find((o) => objectOf(o) !== undefined);
    else return undefined;
  }
  return undefined;
}

function childOf(node: SchemaNode | undefined, segment: ConfigPathSegment): SchemaNode | undefined {
  let n = node;
  while (n && !n.entries && !n.item) n = n.wrapped ?? n.options?.find((o) => childOf(o, segment) !== undefined);
  if (!n) return undefined;
  if (typeof segment === "number") return n.item;
  return n.entries?.[segment];
}

/** A key the config schema does not know, in an object whose keys streambed owns. */
export interface UnknownConfigKey {
  /** The path of the object holding the key. */
  parent: ConfigPathSegment[];
  /** The unknown key. */
  key: string;
  /** The keys that object takes. */
  known: string[];
}

/**
 * The first key of `segments` that the config schema does not know, where streambed owns the
 * object (`models.bedrockDiscovery`, `models.providers["amazon-bedrock"]`, its `models[n]` and their
 * `cost`): `models.bedrockDiscovery.enabeld` → `{ key: "enabeld", known: ["enabled", …] }`.
 * `undefined` when every key is known or sits in an object shared with OpenClaw (the root,
 * `gateway.…`, `agents.defaults.workspace` …), where unknown keys are kept.
 */
export function unknownConfigKey(segments: readonly ConfigPathSegment[]): UnknownConfigKey | undefined {
  let node: SchemaNode | undefined = configSchema as unknown as SchemaNode;
  for (let i = 0; i < segments.length && node; i++) {
    const segment = segments[i]!;
    const parent = segments.slice(0, i);
    const kind = closedKind(parent);
    if (kind && typeof segment === "string") {
      const object = kind === "model" ? (configuredModelSchema as unknown as SchemaNode) : objectOf(node);
      const known = [...Object.keys(object?.entries ?? {}), ...(OPENCLAW_ONLY_KEYS[kind] ?? [])];
      if (!known.includes(segment)) return { parent, key: segment, known };
    }
    node = childOf(node, segment);
  }
  return undefined;
}
