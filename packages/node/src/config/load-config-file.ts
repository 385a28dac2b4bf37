import { ConfigError, parseConfig, type StreambedConfig } from "@streambed/core";
import { defaultConfigPath, expandPath } from "./default-config-path.js";
import { json5 } from "./json5.js";
import { secretValueSpans } from "./secret-value-spans.js";

/** What {@link loadConfigFile} found. */
export interface LoadedConfigFile {
  /** The validated config; `undefined` when the file does not exist. */
  config: StreambedConfig | undefined;
  /** The file's content as parsed (unknown keys and key order as written); what `config set` edits. */
  raw: unknown;
  /** The absolute path read. */
  file: string;
  exists: boolean;
}

export interface LoadConfigFileOptions {
  /** The file to read (`~` expands). Default: {@link defaultConfigPath}. */
  path?: string;
  /** Environment for STREAMBED_CONFIG and for `${NAME}` references in the file's values. Default `process.env`. */
  env?: Record<string, string | undefined>;
  home?: string;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

export { secretValueSpans };

/**
 * Config text as it may be quoted in an error, with every secret string value
 * ({@link secretValueSpans}: at a secret key as parsed, inside `headers` by name, or by its shape)
 * replaced by as many `*`, so a caret under a line still points at the right column. An
 * unterminated value is masked to the end of the line.
 */
export function maskSecretValues(text: string): string {
  let out = text;
  for (const [start, end] of secretValueSpans(text)) out = out.slice(0, start) + "*".repeat(end - start) + out.slice(end);
  return out;
}

/** A JSON5 syntax error → ConfigError naming file, line and column, with the line (secrets masked) and a caret. */
export function json5SyntaxError(file: string, text: string, error: unknown): ConfigError {
  const e = error as { lineNumber?: number; columnNumber?: number; message?: string };
  const line = e.lineNumber;
  const column = e.columnNumber;
  const reason = String(e.message ?? error)
    .replace(/^JSON5:\s*/, "")
    .replace(/\s+at \d+:\d+$/, "");
  let excerpt = "";
  if (line !== undefined && column !== undefined) {
    // Masked in the whole text, so a key's parsed name and its parent (`headers`) decide, not the line alone.
    const source = maskSecretValues(text).split(/\r?\n/)[line - 1];
    if (source !== undefined && source.length <= 200) excerpt = `\n  ${source}\n  ${" ".repeat(Math.max(0, column - 1))}^`;
  }
  const where = line !== undefined ? `${file}:${line}:${column ?? 1}` : file;
  return new ConfigError(`${where}: invalid JSON5: ${reason}. Fix the file (or run \`streambed config set\` once it parses).${excerpt}`, {
    file,
    cause: error,
  });
}

/** Parses JSON5 text; whitespace-only text is an empty config. */
export function parseJson5(file: string, text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return json5().parse(text);
  } catch (error) {
    throw json5SyntaxError(file, text, error);
  }
}

/**
 * Reads and validates the config file (JSON5). A missing file is not an error (`exists: false`).
 * `${NAME}` references in string values are substituted from the environment in `config` (OpenClaw's
 * rule; `raw` keeps them as written, for `config set` to write back).
 * JSON5 syntax errors → {@link ConfigError} with line and column; schema errors → ConfigError
 * naming the key path and the file.
 */
export async function loadConfigFile(options: LoadConfigFileOptions = {}): Promise<LoadedConfigFile> {
  const home = options.home ?? process.getBuiltinModule("node:os").homedir();
  const file = options.path ? expandPath(options.path, home) : defaultConfigPath(options.env ?? process.env, home);
  const raw = await readRawConfigFile(file);
  if (raw === undefined) return { config: undefined, raw: undefined, file, exists: false };
  return { config: parseConfig(raw, { file, env: options.env ?? process.env }), raw, file, exists: true };
}

/**
 * The config file's content as written (JSON5 parsed, BOM dropped, not validated, `${NAME}` kept):
 * what `config get/set` read and edit. `undefined` when the file does not exist; an empty file is
 * `{}`. Unreadable → ConfigError naming the file and the code; a JSON5 syntax error → ConfigError
 * with line and column.
 */
export async function readRawConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await process.getBuiltinModule("node:fs/promises").readFile(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return undefined;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`Cannot read the config file ${file} (${code}). Check the path and its permissions, or set STREAMBED_CONFIG to another file.`, {
      file,
      cause: error,
    });
  }
  return parseJson5(file, text.replace(/^\uFEFF/, ""));
}
