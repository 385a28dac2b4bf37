import { isSecretConfigPath, looksLikeSecret, parseConfigPath, type ConfigPathSegment } from "@streambed/core";
import { readRawConfigFile, updateConfigFile } from "@streambed/node/internal";
import { ConfigError, defaultConfigPath, getConfigPath, setConfigPath, unsetConfigPath } from "streambed";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { configFileSecrets, secretsOfConfig } from "../config-file-secrets.js";
import { maskConfigSecrets } from "../mask-config-secrets.js";
import { parseConfigValue } from "../parse-config-value.js";
import { unknownKeyError } from "../unknown-key-error.js";
import { formatError, reportCommandError, reportError } from "../report-error.js";

/** What `config get` puts in place of a secret. */
const REVEAL_HINT = "add --reveal to print it";

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
    raw = await readRawConfigFile(file);
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

/**
 * Edits the config file under its lock (`updateConfigFile`: the file is read again under the lock,
 * so concurrent `set`s of different keys all land; written atomically, through a symlink to its
 * target; a read-only file is refused). `edit` gets the current content and returns the new one, or
 * `undefined` for no change. Returns the exit code on failure, else what was written: a value the
 * schema refuses or a malformed path → exit 2, file untouched; unreadable file, lock or permission
 * failure → exit 1. Errors never show the config's secrets nor `secrets`.
 */
async function editConfig(io: CliIo, file: string, edit: (raw: unknown) => unknown, secrets: string[] = []): Promise<number | { written: boolean }> {
  let before: unknown;
  let after: unknown;
  let edited = false;
  try {
    const update = await updateConfigFile(file, (raw) => {
      before = raw;
      edited = true;
      after = edit(raw);
      return after;
    });
    return { written: update.written };
  } catch (error) {
    // Not edited: the lock or the read failed (the file's own secrets are read again to hide them).
    if (!edited) return reportCommandError(io, error, secrets);
    const known = [...secretsOfConfig(before), ...secretsOfConfig(after), ...secrets];
    return error instanceof ConfigError ? refuse(io, error, known) : reportError(io, error, known);
  }
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
  const typed = secret ? [text] : [];
  let value: unknown;
  try {
    value = parseConfigValue(text, { ...options, secret });
  } catch (error) {
    return refuse(io, error, [...(await configFileSecrets(io.env)), ...typed]);
  }
  // A typo (`enabeld`) in an object streambed owns: refused before the file is touched.
  const unknown = unknownKeyError(segments, value);
  if (unknown) return refuse(io, unknown, [...(await configFileSecrets(io.env)), ...typed]);
  const done = await editConfig(io, file, (raw) => setConfigPath(raw ?? {}, path, value), typed);
  if (typeof done === "number") return done;
  const masked = maskConfigSecrets(value, segments);
  // A hidden value as it is (`<hidden: …>`); anything else as JSON, secrets inside it hidden.
  io.stdout.write(`Set ${path} = ${secret && typeof masked === "string" ? masked : JSON.stringify(masked)} in ${file}\n`);
  return EXIT_OK;
}

/** `streambed config unset <path>`: removes the value; a path that is not set changes nothing. */
export async function runConfigUnset(io: CliIo, path: string): Promise<number> {
  const file = defaultConfigPath(io.env);
  try {
    parseConfigPath(path);
  } catch (error) {
    return refuse(io, error);
  }
  const done = await editConfig(io, file, (raw) => (getConfigPath(raw, path) === undefined ? undefined : unsetConfigPath(raw, path)));
  if (typeof done === "number") return done;
  io.stdout.write(done.written ? `Unset ${path} in ${file}\n` : `${path} is not set in ${file}; nothing changed.\n`);
  return EXIT_OK;
}
