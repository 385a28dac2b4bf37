import { envSecrets, redactSecrets, redactValues } from "@streambed/core";
import { configFileSecrets } from "./config-file-secrets.js";
import { EXIT_FAILURE, EXIT_USAGE } from "./exit-codes.js";
import type { CliIo } from "./io.js";

/**
 * Removes every secret the environment holds, every value in `secrets` (the config's, see
 * `configFileSecrets`), and anything shaped like a signature, token or access key id, from `text`.
 * Line breaks, indentation and column gaps (2+ spaces) are kept.
 */
export function redactForOutput(text: string, env: Record<string, string | undefined>, secrets: Iterable<string> = []): string {
  return redactValues(text, [...envSecrets(env), ...secrets])
    .split("\n")
    .map((line) =>
      line
        .split(/(\s{2,}|^\s+)/)
        .map((part) => (part.trim() === "" ? part : redactSecrets(part)))
        .join(""),
    )
    .join("\n");
}

/** `Name: message` of a typed error (or any thrown value), secrets removed (the environment's and `secrets`). */
export function formatError(error: unknown, env: Record<string, string | undefined>, secrets: Iterable<string> = []): string {
  const text =
    error instanceof Error ? `${error.name || "Error"}: ${error.message}` : `Error: ${typeof error === "string" ? error : JSON.stringify(error)}`;
  return redactForOutput(text, env, secrets);
}

/** The exit code for an error: 2 for usage errors, else 1. */
export function exitCodeFor(error: unknown): number {
  return error instanceof Error && error.name === "UsageError" ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * Writes `Name: message` to stderr and returns the exit code for it. `secrets`: the loaded
 * config's (`configFileSecrets(io.env)`, or `secretsOfConfig` of a config in hand), removed too.
 */
export function reportError(io: CliIo, error: unknown, secrets: Iterable<string> = []): number {
  io.stderr.write(`${formatError(error, io.env, secrets)}\n`);
  return exitCodeFor(error);
}

/**
 * {@link reportError} with the config file's secrets removed as well (read now, so only a failing
 * run reads it again), plus `more` (e.g. a config about to be written).
 */
export async function reportCommandError(io: CliIo, error: unknown, more: Iterable<string> = []): Promise<number> {
  return reportError(io, error, [...(await configFileSecrets(io.env)), ...more]);
}
