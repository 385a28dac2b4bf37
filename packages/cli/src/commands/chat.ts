import { createBedrock, type StreamRequest } from "streambed";
import { EXIT_INTERRUPTED, EXIT_OK } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import type { ReasoningOption } from "../parse-options.js";
import { readAllText } from "../read-stdin.js";
import { reportCommandError } from "../report-error.js";
import { streamReply } from "../stream-reply.js";
import { UsageError } from "../usage-error.js";

export interface ChatOptions {
  prompt?: string | undefined;
  model?: string;
  system?: string;
  maxTokens?: number;
  reasoning?: ReasoningOption;
  json?: boolean;
}

async function promptOf(io: CliIo, given: string | undefined): Promise<string> {
  if (given !== undefined && given.trim() !== "") return given;
  if (given === undefined && !io.stdin.isTTY) {
    const piped = (await readAllText(io.stdin)).trim();
    if (piped !== "") return piped;
  }
  throw new UsageError('No prompt. Pass it as an argument (streambed chat "hello") or pipe it on stdin (echo hello | streambed chat).');
}

/** The request options a chat sends with every turn. */
export function requestOptions(options: ChatOptions): Omit<StreamRequest, "messages"> {
  return {
    ...(options.model ? { model: options.model } : {}),
    ...(options.system ? { system: options.system } : {}),
    ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
    ...(options.reasoning ? { reasoning: options.reasoning } : {}),
  };
}

/**
 * `streambed chat`: one prompt, the reply streamed to stdout as it arrives (thinking, dimmed, to
 * stderr), or one JSON event per line with `--json`. Ctrl-C aborts the request (exit 130). With
 * no prompt on a terminal (stdin a TTY, not `--json`), an interactive session (`chat-session.ts`).
 */
export async function runChat(io: CliIo, options: ChatOptions): Promise<number> {
  if (options.prompt === undefined && io.stdin.isTTY && !options.json) {
    const { runChatSession } = await import("./chat-session.js");
    return runChatSession(io, options);
  }
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once("SIGINT", onSignal);
  const bedrock = createBedrock({ env: io.env });
  try {
    const prompt = await promptOf(io, options.prompt);
    const request: StreamRequest = { ...requestOptions(options), messages: [{ role: "user", content: prompt }], signal: controller.signal };
    await streamReply(io, bedrock, request, { json: options.json });
    return EXIT_OK;
  } catch (error) {
    if (controller.signal.aborted) {
      io.stderr.write("Interrupted.\n");
      return EXIT_INTERRUPTED;
    }
    return reportCommandError(io, error);
  } finally {
    process.off("SIGINT", onSignal);
    await bedrock.close();
  }
}
