import { ConfigError } from "@streambed/core";
import * as v from "valibot";
import type { RemoteImageOptions } from "../chat/image-source.js";
import type { GatewayKey } from "../keys/gateway-key.js";

const positiveInt = (what: string) => v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be a whole number`), v.minValue(1, `${what} must be at least 1`));

const keySchema = v.strictObject(
  {
    id: v.pipe(v.string(), v.regex(/^key_[0-9a-f]{6,64}$/, "id must look like key_<hex>")),
    name: v.pipe(v.string(), v.minLength(1, "name must not be empty"), v.maxLength(128)),
    hash: v.pipe(v.string(), v.regex(/^sha256:[0-9a-f]{64}$/, "hash must be sha256:<64 hex digits> (keys are stored hashed; make them with `streambed gateway keys create`)")),
    prefix: v.optional(v.string()),
    models: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
    rpm: v.optional(positiveInt("rpm")),
    tpm: v.optional(positiveInt("tpm")),
    created: v.optional(v.string()),
  },
  "not a key setting (expected id, name, hash, prefix, models, rpm, tpm, created)",
);

const gatewaySchema = v.strictObject(
  {
    keys: v.optional(v.array(keySchema), []),
    remoteImages: v.optional(
      v.union([v.literal(false), v.strictObject({ maxBytes: v.optional(positiveInt("maxBytes")), timeoutMs: v.optional(positiveInt("timeoutMs")) })]),
      false,
    ),
    maxBodyBytes: v.optional(positiveInt("maxBodyBytes")),
    drainTimeoutMs: v.optional(positiveInt("drainTimeoutMs")),
  },
  "not a gateway setting (expected keys, remoteImages, maxBodyBytes, drainTimeoutMs)",
);

/** The config file's `gateway` section, validated. */
export interface GatewayConfig {
  keys: GatewayKey[];
  remoteImages: RemoteImageOptions | false;
  maxBodyBytes?: number;
  drainTimeoutMs?: number;
}

/**
 * Reads the `gateway` section of a streambed config (`{ gateway: { keys: [...], remoteImages,
 * maxBodyBytes, drainTimeoutMs } }`). Absent: no keys. Invalid: ConfigError naming the path
 * (`gateway.keys[0].rpm`) and the file; key ids must be unique.
 */
export function parseGatewayConfig(raw: unknown, file?: string): GatewayConfig {
  const section = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>).gateway : undefined;
  const result = v.safeParse(gatewaySchema, section ?? {});
  if (!result.success) {
    const issue = result.issues[0];
    const path = ["gateway", ...(issue.path ?? []).map((p) => (typeof p.key === "number" ? `[${p.key}]` : `.${String(p.key)}`))].join("").replace(/\.\[/g, "[");
    throw new ConfigError(`Invalid config at ${path}${file ? ` in ${file}` : ""}: ${issue.message}.`, { path, ...(file ? { file } : {}) });
  }
  const config = result.output as GatewayConfig;
  const seen = new Set<string>();
  config.keys.forEach((key, i) => {
    if (seen.has(key.id)) throw new ConfigError(`Invalid config at gateway.keys[${i}].id${file ? ` in ${file}` : ""}: ${key.id} is used twice.`, { path: `gateway.keys[${i}].id`, ...(file ? { file } : {}) });
    seen.add(key.id);
  });
  return config;
}
