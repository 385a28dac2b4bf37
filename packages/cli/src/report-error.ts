import { envSecrets, redactSecrets, redactValues } from "streambed";
import { EXIT_FAILURE, EXIT_USAGE } from "./exit-codes.js";
import type { CliIo } from "./io.js";

/**
 * Removes every secret the environment holds, and anything shaped like a signature, token or
 * access key id, from `text`. Line breaks, indentation and column gaps (2+ spaces) are kept.
 */
export function redactForOutput(text: string, env: Record<string, string | undefined>): string {
  return redactValues(text, envSecrets(env))
    .split("\n")
    .map((line) =>
      line
        .split(/(\s{2,}|^\s+)/)
        .map((part) => (part.trim() === "" ? part : redactSecrets(part)))
        .join(""),
    )
    .join("\n");
}

/** `Name: message` of a typed error (or any thrown value), secrets removed. */
export function formatError(error: unknown, env: Record<string, string | undefined>): string {
  const text =
    error instanceof Error ? `${error.name || "Error"}: ${error.message}` : `Error: ${typeof error === "string" ? error : JSON.stringify(error)}`;
  return redactForOutput(text, env);
}

/** The exit code for an error: 2 for usage errors, else 1. */
export function exitCodeFor(error: unknown): number {
  return error instanceof Error && error.name === "UsageError" ? EXIT_USAGE : EXIT_FAILURE;
}

/** Writes `Name: message` to stderr and returns the exit code for it. */
export function reportError(io: CliIo, error: unknown): number {
  io.stderr.write(`${formatError(error, io.env)}\n`);
  return exitCodeFor(error);
}
