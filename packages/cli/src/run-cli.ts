import { CommanderError } from "commander";
import { EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import { processIo, type CliIo } from "./io.js";
import { buildProgram } from "./program.js";

declare const __STREAMBED_CLI_VERSION__: string | undefined;

/** Commander's own exits: help and version are fine, everything else is a usage error. */
function commanderExitCode(error: CommanderError): number {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT_OK;
  if (error.code === "commander.help") return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  return EXIT_USAGE;
}

/**
 * Run the streambed CLI with `argv` (as `process.argv`: node, script, args…) and return the exit
 * code: 0 ok, 1 runtime error, 2 usage error, 130 interrupted. Never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const result = { exitCode: EXIT_OK };
  const version = typeof __STREAMBED_CLI_VERSION__ === "string" ? __STREAMBED_CLI_VERSION__ : "0.0.0";
  const program = buildProgram(io, result, version);
  try {
    await program.parseAsync([...argv]);
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    // Commands report their own failures; anything reaching here is unexpected.
    const { reportCommandError } = await import("./report-error.js");
    return reportCommandError(io, error);
  }
}
