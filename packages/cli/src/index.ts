/**
 * `@streambed/cli`: the `streambed` command. The bin is `dist/cli.js`; this entry exposes the same
 * CLI for embedding and tests.
 */
export { runCli } from "./run-cli.js";
export { processIo, type CliIo } from "./io.js";
export { EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED } from "./exit-codes.js";
