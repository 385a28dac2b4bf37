import { readFile } from "node:fs/promises";
import {
  ConfigError,
  defaultConfigPath,
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
import { parseConfigValue } from "../parse-config-value.js";
import { formatError, reportError } from "../report-error.js";

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

/** A config error caused by the arguments (bad path, value the schema refuses): exit 2, nothing written. */
function refuse(io: CliIo, error: unknown): number {
  if (!(error instanceof ConfigError) && !(error instanceof Error && error.name === "UsageError")) return reportError(io, error);
  io.stderr.write(`${formatError(error, io.env)}\nNothing was written.\n`);
  return EXIT_USAGE;
}

/** Prints a value: strings as they are, everything else as JSON. */
function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** `streambed config path`: the file the other commands read and write. */
export async function runConfigPath(io: CliIo): Promise<number> {
  io.stdout.write(`${defaultConfigPath(io.env)}\n`);
  return EXIT_OK;
}

/** `streambed config get <path>`: the value, or exit 1 when it is not set. */
export async function runConfigGet(io: CliIo, path: string): Promise<number> {
  const file = defaultConfigPath(io.env);
  try {
    parseConfigPath(path);
  } catch (error) {
    return refuse(io, error);
  }
  try {
    const value = getConfigPath(await readRawConfig(file), path);
    if (value === undefined) {
      io.stderr.write(`${path} is not set in ${file}.\n`);
      return EXIT_FAILURE;
    }
    io.stdout.write(`${show(value)}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}

/** Validate the edited config, then write it atomically. Invalid → exit 2 and the file untouched. */
async function writeEdited(io: CliIo, file: string, next: unknown): Promise<number | undefined> {
  try {
    parseConfig(next, { file });
  } catch (error) {
    return refuse(io, error);
  }
  try {
    await writeConfigFile(file, next);
  } catch (error) {
    return reportError(io, error);
  }
  return undefined;
}

/** `streambed config set <path> <value> [--strict-json]`. Creates the file (and ~/.streambed) when missing. */
export async function runConfigSet(io: CliIo, path: string, text: string, options: { strictJson?: boolean } = {}): Promise<number> {
  const file = defaultConfigPath(io.env);
  let raw: unknown;
  try {
    raw = await readRawConfig(file);
  } catch (error) {
    return reportError(io, error);
  }
  let next: unknown;
  let value: unknown;
  try {
    value = parseConfigValue(text, options);
    next = setConfigPath(raw ?? {}, path, value);
  } catch (error) {
    return refuse(io, error);
  }
  const failed = await writeEdited(io, file, next);
  if (failed !== undefined) return failed;
  io.stdout.write(`Set ${path} = ${JSON.stringify(value)} in ${file}\n`);
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
    return reportError(io, error);
  }
  if (getConfigPath(raw, path) === undefined) {
    io.stdout.write(`${path} is not set in ${file}; nothing changed.\n`);
    return EXIT_OK;
  }
  const failed = await writeEdited(io, file, unsetConfigPath(raw, path));
  if (failed !== undefined) return failed;
  io.stdout.write(`Unset ${path} in ${file}\n`);
  return EXIT_OK;
}
