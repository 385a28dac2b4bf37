import { readFile } from "node:fs/promises";
import {
  ConfigError,
  defaultConfigPath,
  type ConfigPathSegment,
  isSecretConfigPath,
  looksLikeSecret,
  getConfigPath,
  parseConfig,
  parseConfigPath,
  parseJson5,
  setConfigPath,
  unsetConfigPath,
  writeConfigFile,
} from "streambed";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { secretsOfConfig } from "../config-file-secrets.js";
import { maskConfigSecrets } from "../mask-config-secrets.js";
import { parseConfigValue } from "../parse-config-value.js";
import { formatError, reportCommandError, reportError } from "../report-error.js";

/** What `config get` puts in place of a secret. */
const REVEAL_HINT = "add --reveal to print it";

/** The config file as written (unknown keys kept, not validated, so that `set` can repair a bad value); `undefined` when missing. */
async function readRawConfig(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`Cannot read the config file ${file} (${code}). Check the path and its permissions, or set STREAMBED_CONFIG to another file.`, { file, cause: error });
  }
  return parseJson5(file, text.replace(/^\uFEFF/, ""));
}

/** A config error caused by the arguments (bad path, value the schema refuses): exit 2, nothing written. `secrets` are redacted. */
function refuse(io: CliIo, error: unknown, secrets: Iterable<string> = []): number {
  if (!(error instanceof ConfigError) && !(error instanceof Error && error.name === "UsageError")) return reportError(io, error, secrets);
  io.stderr.write(`${formatError(error, io.env, secrets)}\nNothing was written.\n`);
  return EXIT_USAGE;
}

/** Prints a value: strings as they are, everything else as JSON. */
function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** Whether the path ends at a secret-looking key (`…apiKey`, `…sessionToken`, `…headers.Authorization` …). */
function isSecretPath(segments: readonly ConfigPathSegment[]): boolean {
  return isSecretConfigPath(segments);
}

/** `streambed config path`: the file the other commands read and write. */
export async function runConfigPath(io: CliIo): Promise<number> {
  io.stdout.write(`${defaultConfigPath(io.env)}\n`);
  return EXIT_OK;
}

/**
 * `streambed config get <path> [--reveal]`: the value, or exit 1 when it is not set. Values at
 * secret-looking keys (at any depth) print as `<hidden: 52 characters; add --reveal to print it>`
 * unless `reveal`.
 */
export async function runConfigGet(io: CliIo, path: string, options: { reveal?: boolean } = {}): Promise<number> {
  const file = defaultConfigPath(io.env);
  let segments: ConfigPathSegment[];
  try {
    segments = parseConfigPath(path);
  } catch (error) {
    return refuse(io, error);
  }
  let raw: unknown;
  try {
    raw = await readRawConfig(file);
  } catch (error) {
    return reportCommandError(io, error);
  }
  const value = getConfigPath(raw, path);
  if (value === undefined) {
    io.stderr.write(`${path} is not set in ${file}.\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(`${show(options.reveal ? value : maskConfigSecrets(value, segments, REVEAL_HINT))}\n`);
  return EXIT_OK;
}

/** Validate the edited config, then write it atomically. Invalid → exit 2 and the file untouched. Errors never show `secrets`. */
async function writeEdited(io: CliIo, file: string, next: unknown, secrets: string[]): Promise<number | undefined> {
  try {
    parseConfig(next, { file });
  } catch (error) {
    return refuse(io, error, secrets);
  }
  try {
    await writeConfigFile(file, next);
  } catch (error) {
    return reportError(io, error, secrets);
  }
  return undefined;
}

/**
 * `streambed config set <path> <value> [--strict-json]`. Creates the file (and ~/.streambed) when
 * missing. The confirmation shows values at secret-looking keys as `<hidden: 52 characters>`.
 */
export async function runConfigSet(io: CliIo, path: string, text: string, options: { strictJson?: boolean } = {}): Promise<number> {
  const file = defaultConfigPath(io.env);
  let segments: ConfigPathSegment[];
  try {
    segments = parseConfigPath(path);
  } catch (error) {
    return refuse(io, error);
  }
  // A secret by its key, or by its shape wherever it is written (`Bearer ABSK…`, an AWS secret key …).
  const secret = isSecretPath(segments) || looksLikeSecret(text);
  let raw: unknown;
  try {
    raw = await readRawConfig(file);
  } catch (error) {
    return reportCommandError(io, error, secret ? [text] : []);
  }
  const secrets = [...secretsOfConfig(raw), ...(secret ? [text] : [])];
  let next: unknown;
  let value: unknown;
  try {
    value = parseConfigValue(text, { ...options, secret });
    next = setConfigPath(raw ?? {}, path, value);
  } catch (error) {
    return refuse(io, error, secrets);
  }
  const failed = await writeEdited(io, file, next, [...secrets, ...secretsOfConfig(next)]);
  if (failed !== undefined) return failed;
  const masked = maskConfigSecrets(value, segments);
  // A hidden value as it is (`<hidden: …>`); anything else as JSON, secrets inside it hidden.
  io.stdout.write(`Set ${path} = ${secret && typeof masked === "string" ? masked : JSON.stringify(masked)} in ${file}\n`);
  return EXIT_OK;
}

/** `streambed config unset <path>`: removes the value; a path that is not set changes nothing. */
export async function runConfigUnset(io: CliIo, path: string): Promise<number> {
  const file = defaultConfigPath(io.env);
  let raw: unknown;
  try {
    parseConfigPath(path);
  } catch (error) {
    return refuse(io, error);
  }
  try {
    raw = await readRawConfig(file);
  } catch (error) {
    return reportCommandError(io, error);
  }
  if (getConfigPath(raw, path) === undefined) {
    io.stdout.write(`${path} is not set in ${file}; nothing changed.\n`);
    return EXIT_OK;
  }
  const failed = await writeEdited(io, file, unsetConfigPath(raw, path), secretsOfConfig(raw));
  if (failed !== undefined) return failed;
  io.stdout.write(`Unset ${path} in ${file}\n`);
  return EXIT_OK;
}
