import { formatConfigPath, type ConfigPathSegment } from "./config-path.js";

/** `${NAME}` (upper-case names only, as OpenClaw) or its escape `$${NAME}`. */
const REFERENCE = /\$?\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** A `${NAME}` left as written because `NAME` is unset or empty. */
export interface UnresolvedEnvReference {
  /** Config path of the string, e.g. `models.providers["amazon-bedrock"].apiKey`. */
  path: string;
  /** The variable's name. */
  name: string;
}

/** What {@link substituteEnv} produced. */
export interface EnvSubstitution {
  /** A copy of the input with every resolvable reference replaced (objects and arrays copied, other values kept). */
  value: unknown;
  /** References left as written, in document order. */
  unresolved: UnresolvedEnvReference[];
}

/**
 * OpenClaw's environment substitution in config string values: `"${BEDROCK_KEY}"` or
 * `"${BASE}/v1"` take the variable's value; names are upper-case (`[A-Z_][A-Z0-9_]*`), anything
 * else is left alone; `$${NAME}` is the escape for a literal `${NAME}`. A variable that is unset or
 * empty leaves the reference visibly unresolved and is reported in `unresolved`: a consumer that
 * needs the value (the API key) then fails naming it, others see the literal text. Keys are never
 * substituted, only values. OpenClaw's env secret reference objects, `{ source: "env", id: "NAME" }`
 * (`provider` optional), are replaced by the variable's value the same way. Pure: `env` is read,
 * nothing is written.
 */
export function substituteEnv(input: unknown, env: Record<string, string | undefined>): EnvSubstitution {
  const unresolved: UnresolvedEnvReference[] = [];
  const walk = (value: unknown, path: ConfigPathSegment[]): unknown => {
    if (typeof value === "string") return value.includes("${") ? substituteString(value, env, path, unresolved) : value;
    const envRef = envSecretRef(value);
    if (envRef !== undefined) {
      const resolved = env[envRef];
      if (resolved !== undefined && resolved !== "") return resolved;
      unresolved.push({ path: formatConfigPath(path) || "(config root)", name: envRef });
      return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value !== null && typeof value === "object" && isPlain(value)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        Object.defineProperty(out, key, { value: walk((value as Record<string, unknown>)[key], [...path, key]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  };
  return { value: walk(input, []), unresolved };
}

/**
 * An OpenClaw secret reference, `{ source, id }` with an optional `provider` and no other keys
 * (e.g. `{ source: "env", provider: "default", id: "MY_KEY" }`); `undefined` for anything else.
 */
export function secretRefOf(value: unknown): { source: string; id: string } | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const ref = value as Record<string, unknown>;
  if (typeof ref["source"] !== "string" || typeof ref["id"] !== "string") return undefined;
  if (!Object.keys(ref).every((k) => k === "source" || k === "id" || k === "provider")) return undefined;
  return { source: ref["source"], id: ref["id"] };
}

/** The variable an env secret reference names (`source: "env"`, a variable-like id). */
function envSecretRef(value: unknown): string | undefined {
  const ref = secretRefOf(value);
  return ref?.source === "env" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(ref.id) ? ref.id : undefined;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function substituteString(text: string, env: Record<string, string | undefined>, path: ConfigPathSegment[], unresolved: UnresolvedEnvReference[]): string {
  return text.replace(REFERENCE, (match: string, name: string) => {
    if (match.startsWith("$$")) return match.slice(1); // the escape: a literal ${NAME}
    const value = env[name];
    if (value !== undefined && value !== "") return value;
    unresolved.push({ path: formatConfigPath(path) || "(config root)", name });
    return match;
  });
}
