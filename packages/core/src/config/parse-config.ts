import * as v from "valibot";
import { ConfigError } from "../errors/client-errors.js";
import { formatConfigPath, type ConfigPathSegment } from "./config-path.js";
import { configSchema, type StreambedConfig } from "./config-schema.js";
import { configReader } from "./config-reader.js";
import { markParsedConfig } from "./parsed-configs.js";
import { secretRefOf, substituteEnv } from "./substitute-env.js";
import { isSecretConfigPath } from "./secret-config-keys.js";
import { looksLikeSecret } from "../credentials/looks-like-secret.js";

export { isSecretConfigKey } from "./secret-config-keys.js";
const MAX_ISSUES = 10;
/** Stands in for an array root (valibot's object schemas accept arrays). */
const NOT_AN_OBJECT = Symbol("not an object");

/** How a received value is shown in an error: strings quoted (cut at 60 chars), containers by kind, secrets (by key or by shape) never. */
export function describeReceived(value: unknown, path: readonly ConfigPathSegment[] = []): string {
  if (value !== undefined && (isSecretConfigPath(path) || (typeof value === "string" && looksLikeSecret(value)))) return "a value (hidden)";
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array (${value.length} item${value.length === 1 ? "" : "s"})`;
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** One valibot issue of streambed's schemas, said the way its errors say it: `<path>: expected <what>, got <value>`. */
export interface SchemaIssue {
  segments: ConfigPathSegment[];
  /** `models.bedrockDiscovery.refreshInterval`, `models[3].input`; `""` for the root. */
  path: string;
  expected: string;
  received: string;
}

/**
 * Describes a valibot issue of streambed's schemas (config, discovery cache entries), whose messages
 * are the "expected …" part. A missing required key is reported by its parent object's schema: that
 * says "required" instead of the parent's shape. Secrets are never shown ({@link describeReceived}).
 */
export function describeIssue(issue: v.BaseIssue<unknown>): SchemaIssue {
  const segments = (issue.path ?? []).map((item) => (typeof item.key === "number" ? item.key : String(item.key)));
  const missingKey = issue.input === undefined && ["loose_object", "object"].includes(issue.type as string) && segments.length > 0;
  return {
    segments,
    path: formatConfigPath(segments),
    expected: missingKey ? "a value (this key is required)" : issue.message,
    received: describeReceived(issue.input, segments),
  };
}

/**
 * Validates a config object (OpenClaw-shaped) and returns it with unknown keys kept.
 * Throws {@link ConfigError} naming the path, what was expected and what was found, e.g.
 * `models.bedrockDiscovery.refreshInterval: expected a number ≥ 0, got "1h"`. When `file` is
 * given it is named in the message and set on the error. With `env`, `${NAME}` references in string
 * values are substituted first (see {@link substituteEnv}); the input is never modified.
 */
export function parseConfig(input: unknown, options: { file?: string; env?: Record<string, string | undefined> } = {}): StreambedConfig {
  let unresolved: ReadonlyMap<string, string> = new Map();
  if (options.env !== undefined) {
    const substituted = substituteEnv(input, options.env);
    input = substituted.value;
    unresolved = new Map(substituted.unresolved.map((u) => [u.path, u.name]));
  }
  const result = v.safeParse(configSchema, Array.isArray(input) ? NOT_AN_OBJECT : input);
  if (result.success) return markParsedConfig(result.output as StreambedConfig, configReader);
  const lines: string[] = [];
  let firstPath: string | undefined;
  for (const issue of result.issues.slice(0, MAX_ISSUES)) {
    const described = describeIssue(issue);
    const path = described.path || "(config root)";
    firstPath ??= path;
    const expected = described.expected;
    const received = issue.input === NOT_AN_OBJECT ? describeReceived(input) : described.received;
    const unset = unresolved.get(path);
    const source = secretRefOf(issue.input)?.source;
    const hint =
      unset !== undefined
        ? ` (the environment variable ${unset} is not set)`
        : source !== undefined
          ? ` (a secret reference with source ${JSON.stringify(source)}: only { source: "env", id: "NAME" } references are resolved; write the value, a "\${NAME}" reference, or an env reference)`
          : "";
    lines.push(`${path}: expected ${expected}, got ${received}${hint}`);
  }
  if (result.issues.length > MAX_ISSUES) lines.push(`… and ${result.issues.length - MAX_ISSUES} more`);
  const where = options.file ? ` (in ${options.file})` : "";
  const message =
    lines.length === 1
      ? `${lines[0]}${where}`
      : `Invalid config${where}:\n${lines.map((l) => `  - ${l}`).join("\n")}`;
  throw new ConfigError(message, { path: firstPath, file: options.file });
}
