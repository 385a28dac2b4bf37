import pc from "picocolors";
import { createBedrock, type StreamRequest } from "streambed";
import { eventJsonLine } from "../event-json.js";
import { EXIT_INTERRUPTED, EXIT_OK } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import type { ReasoningOption } from "../parse-options.js";
import { readAllText } from "../read-stdin.js";
import { reportCommandError } from "../report-error.js";
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

/**
 * `streambed chat`: one prompt, the reply streamed to stdout as it arrives (thinking, dimmed, to
 * stderr), or one JSON event per line with `--json`. Ctrl-C aborts the request (exit 130).
 */
export async function runChat(io: CliIo, options: ChatOptions): Promise<number> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once("SIGINT", onSignal);
  const bedrock = createBedrock({ env: io.env });
  let midLine = false;
  try {
    const prompt = await promptOf(io, options.prompt);
    const request: StreamRequest = { messages: [{ role: "user", content: prompt }], signal: controller.signal };
    if (options.model) request.model = options.model;
    if (options.system) request.system = options.system;
    if (options.maxTokens) request.maxTokens = options.maxTokens;
    if (options.reasoning) request.reasoning = options.reasoning;
    for await (const event of bedrock.stream(request)) {
      if (options.json) {
        io.stdout.write(eventJsonLine(event));
      } else if (event.type === "text_delta") {
        io.stdout.write(event.delta);
        midLine = !event.delta.endsWith("\n");
      } else if (event.type === "thinking_delta") {
        io.stderr.write(pc.dim(event.delta));
      } else if (event.type === "thinking_end") {
        io.stderr.write("\n");
      } else if (event.type === "done") {
        if (midLine) io.stdout.write("\n");
        midLine = false;
        if (io.stderr.isTTY) {
          const u = event.message.usage;
          io.stderr.write(pc.dim(`[${event.reason}; ${u?.input ?? 0} tokens in, ${u?.output ?? 0} out]\n`));
        }
      }
    }
    return EXIT_OK;
  } catch (error) {
    if (midLine) io.stdout.write("\n");
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
