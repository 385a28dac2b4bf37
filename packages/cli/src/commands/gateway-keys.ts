import { generateKey, parseGatewayConfig, type GatewayKey } from "@streambed/gateway";
import { readRawConfigFile, updateConfigFile } from "@streambed/node/internal";
import { ConfigError, defaultConfigPath } from "streambed";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { formatError, reportCommandError } from "../report-error.js";

/** Options of `streambed gateway keys create`. */
export interface KeysCreateOptions {
  name: string;
  /** Model id patterns (`anthropic.*`), repeated or comma-separated. */
  models?: string[];
  rpm?: number;
  tpm?: number;
  config?: string;
}

/** The config file the gateway commands use: `--config`, else `STREAMBED_CONFIG`, else ~/.streambed/config.json5. */
export function gatewayConfigFile(io: CliIo, config: string | undefined): string {
  return config ?? defaultConfigPath(io.env);
}

/** `raw` with its gateway keys replaced (other settings and keys of the file kept), validated. */
function withKeys(raw: unknown, keys: GatewayKey[], file: string): Record<string, unknown> {
  const base = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const gateway = typeof base.gateway === "object" && base.gateway !== null ? (base.gateway as Record<string, unknown>) : {};
  const after = { ...base, gateway: { ...gateway, keys } };
  parseGatewayConfig(after, file);
  return after;
}

function refuse(io: CliIo, message: string): number {
  io.stderr.write(`${message}\nNothing was written.\n`);
  return EXIT_USAGE;
}

/**
 * `streambed gateway keys create --name team-a [--models 'anthropic.*'] [--rpm 60] [--tpm 200000]`:
 * makes a key, stores only its hash (locked, atomic write of the config file, validated first) and
 * prints the key once on stdout (a note on stderr). A name already in use is refused.
 */
export async function runKeysCreate(io: CliIo, options: KeysCreateOptions): Promise<number> {
  const file = gatewayConfigFile(io, options.config);
  const models = options.models?.flatMap((m) => m.split(",")).map((m) => m.trim()).filter((m) => m !== "");
  const { key, record } = await generateKey(options.name, { ...(models && models.length > 0 ? { models } : {}), ...(options.rpm !== undefined ? { rpm: options.rpm } : {}), ...(options.tpm !== undefined ? { tpm: options.tpm } : {}) });
  let taken = false;
  try {
    await updateConfigFile(file, (raw) => {
      const { keys } = parseGatewayConfig(raw, file);
      if (keys.some((k) => k.name === options.name)) {
        taken = true;
        return undefined;
      }
      return withKeys(raw, [...keys, record], file);
    });
  } catch (error) {
    if (error instanceof ConfigError) return refuse(io, formatError(error, io.env, [key]));
    return reportCommandError(io, error, [key]);
  }
  if (taken) return refuse(io, `A key named ${JSON.stringify(options.name)} exists already in ${file}: revoke it first, or pick another --name.`);
  io.stdout.write(`${key}\n`);
  io.stderr.write(
    `Created key ${record.id} "${record.name}"${models?.length ? ` for models ${models.join(", ")}` : " for every model"}` +
      `${record.rpm ? `, ${record.rpm} requests/min` : ""}${record.tpm ? `, ${record.tpm} tokens/min` : ""}; its hash is in ${file}.\n` +
      "This is the only time the key is shown: store it now (clients send it as Authorization: Bearer <key>).\n",
  );
  return EXIT_OK;
}

/** `streambed gateway keys list [--json]`: id, name, prefix, models, limits, created — never a key or hash. */
export async function runKeysList(io: CliIo, options: { config?: string; json?: boolean }): Promise<number> {
  const file = gatewayConfigFile(io, options.config);
  let keys: GatewayKey[];
  try {
    keys = parseGatewayConfig(await readRawConfigFile(file), file).keys;
  } catch (error) {
    return reportCommandError(io, error);
  }
  const shown = keys.map(({ hash: _hash, ...rest }) => rest);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ count: shown.length, keys: shown }, null, 2)}\n`);
    return EXIT_OK;
  }
  if (shown.length === 0) {
    io.stderr.write(`No gateway keys in ${file}: make one with streambed gateway keys create --name <name>.\n`);
    return EXIT_OK;
  }
  for (const k of shown) {
    const limits = [k.rpm ? `${k.rpm} rpm` : "", k.tpm ? `${k.tpm} tpm` : ""].filter(Boolean).join(", ") || "no limits";
    io.stdout.write(`${k.id}  ${k.name}  ${k.prefix ?? ""}…  models: ${k.models?.join(",") ?? "*"}  ${limits}  ${k.created ?? ""}\n`);
  }
  return EXIT_OK;
}

/** `streambed gateway keys revoke <id|name>`: removes the key (a running `streambed serve` stops accepting it within 2 s). */
export async function runKeysRevoke(io: CliIo, which: string, options: { config?: string }): Promise<number> {
  const file = gatewayConfigFile(io, options.config);
  let removed: GatewayKey | undefined;
  try {
    await updateConfigFile(file, (raw) => {
      const { keys } = parseGatewayConfig(raw, file);
      removed = keys.find((k) => k.id === which) ?? keys.find((k) => k.name === which);
      return removed ? withKeys(raw, keys.filter((k) => k !== removed), file) : undefined;
    });
  } catch (error) {
    return reportCommandError(io, error);
  }
  if (!removed) {
    io.stderr.write(`No gateway key with id or name ${JSON.stringify(which)} in ${file} (streambed gateway keys list shows them).\n`);
    return EXIT_FAILURE;
  }
  io.stderr.write(`Revoked key ${removed.id} "${removed.name}".\n`);
  return EXIT_OK;
}
