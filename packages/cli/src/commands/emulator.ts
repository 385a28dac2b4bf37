import pc from "picocolors";
import type { RecordedRequest } from "@streambed/emulator";
import { EXIT_FAILURE, EXIT_OK } from "../exit-codes.js";
import { emulatorEnv, exportLines } from "../emulator-env.js";
import type { CliIo } from "../io.js";
import { untilStopSignal } from "../stop-signal.js";

/** The emulator's demo Bedrock API key (local only, like the demo access keys): `ABSK` + base64. */
export const DEMO_API_KEY = "ABSKc3RyZWFtYmVkLWVtdWxhdG9yLWRlbW8tYXBpLWtleS0wMDAx";

export interface EmulatorCommandOptions {
  port: number;
  tokensPerSecond: number;
  /** Bearer token (Bedrock API key) to accept besides the demo keys. Default {@link DEMO_API_KEY}. */
  apiKey?: string;
  /** Answer any model id (default: unknown ids get Bedrock's 400, like Bedrock). */
  lenient?: boolean;
}

/** One log line per request: time, operation, model, status, milliseconds. */
export function requestLogLine(r: RecordedRequest): string {
  const time = r.receivedAt.toISOString().slice(11, 19);
  const status = r.status === 0 ? "reset" : String(r.status);
  return `${time} ${r.operation} ${r.modelId ?? "-"} ${status} ${r.ms}ms\n`;
}

/**
 * `streambed emulator`: the local Bedrock on 127.0.0.1 (DEMO_CREDENTIALS and the API key
 * verified), the env vars to export on stdout, one line per request on stderr, running until
 * SIGINT or SIGTERM.
 */
export async function runEmulator(io: CliIo, options: EmulatorCommandOptions): Promise<number> {
  const { DEMO_CREDENTIALS, startEmulator } = await import("@streambed/emulator");
  const apiKey = options.apiKey ?? DEMO_API_KEY;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      credentials: [DEMO_CREDENTIALS],
      bearerTokens: [apiKey],
      lenient: options.lenient ?? false,
      tokensPerSecond: options.tokensPerSecond,
      port: options.port,
      onRequest: (r) => io.stderr.write(requestLogLine(r)),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? `port ${options.port} is in use; pick another with --port (0 = any free port)` : (error as Error).message;
    io.stderr.write(`EmulatorError: could not start the emulator: ${why}.\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(
    `${pc.bold("streambed emulator")} listening on ${emulator.url} (local Bedrock; demo keys, not AWS keys; ` +
      `${options.lenient ? "lenient: any model id" : "strict: unknown model ids get Bedrock's 400"})\n` +
      `Point clients at it:\n\n${exportLines(emulatorEnv(emulator.url, DEMO_CREDENTIALS))}\n` +
      `Or with a Bedrock API key instead of the access keys:\n  export AWS_BEARER_TOKEN_BEDROCK=${apiKey}\n\n` +
      `Then e.g.: streambed chat "hello" --model us.anthropic.claude-sonnet-4-6   |   Ctrl-C stops it.\n`,
  );
  await untilStopSignal();
  await emulator.close();
  io.stderr.write("Emulator stopped.\n");
  return EXIT_OK;
}
