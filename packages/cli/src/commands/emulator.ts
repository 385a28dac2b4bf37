import pc from "picocolors";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import { emulatorEnv, exportLines } from "../emulator-env.js";
import type { CliIo } from "../io.js";

export interface EmulatorCommandOptions {
  port: number;
  tokensPerSecond: number;
}

/**
 * `streambed emulator`: the local Bedrock on 127.0.0.1 (DEMO_CREDENTIALS verified), the env vars
 * to export on stdout, running until SIGINT or SIGTERM.
 */
export async function runEmulator(io: CliIo, options: EmulatorCommandOptions): Promise<number> {
  const { DEMO_CREDENTIALS, startEmulator } = await import("@streambed/emulator");
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({ credentials: [DEMO_CREDENTIALS], tokensPerSecond: options.tokensPerSecond, port: options.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? `port ${options.port} is in use; pick another with --port (0 = any free port)` : (error as Error).message;
    io.stderr.write(`EmulatorError: could not start the emulator: ${why}.\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(
    `${pc.bold("streambed emulator")} listening on ${emulator.url} (local Bedrock; demo keys, not AWS keys)\n` +
      `Point clients at it:\n\n${exportLines(emulatorEnv(emulator.url, DEMO_CREDENTIALS))}\n` +
      `Then e.g.: streambed chat "hello" --model us.anthropic.claude-sonnet-4-6   |   Ctrl-C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await emulator.close();
  io.stderr.write("Emulator stopped.\n");
  return EXIT_OK;
}
