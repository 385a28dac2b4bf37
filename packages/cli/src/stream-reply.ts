import pc from "picocolors";
import type { AssistantMessage, BedrockClient, StopReason, StreamRequest } from "streambed";
import { eventJsonLine } from "./event-json.js";
import { formatUsd } from "./format-usd.js";
import type { CliIo } from "./io.js";
import { startSpinner } from "./spinner.js";

/** One tool call as shown on stderr: `[tool call get_weather {"city":"Paris"}]`. */
export function formatToolCall(name: string, args: unknown): string {
  return `[tool call ${name} ${JSON.stringify(args)}]`;
}

/**
 * The footer after an answer on a terminal: `[end_turn; 12 tokens in, 34 out; $0.000054]` (cost when
 * priced); `[end_turn; usage not reported]` when Bedrock sent no usage (unknown, not zero).
 */
export function formatFooter(reason: string, message: AssistantMessage): string {
  const u = message.usage;
  if (u?.known === false) return `[${reason}; usage not reported]`;
  const cost = u && u.cost.total > 0 ? `; ${formatUsd(u.cost.total)}` : "";
  return `[${reason}; ${u?.input ?? 0} tokens in, ${u?.output ?? 0} out${cost}]`;
}

/**
 * Streams one request and prints it: text deltas to stdout as they arrive (then a newline),
 * reasoning dimmed and tool calls on stderr, and on a terminal a spinner until the first event and
 * the footer ({@link formatFooter}) after; `json`: one event per line on stdout. Returns the final
 * message, or throws the stream's error (an abort included).
 */
export async function streamReply(
  io: CliIo,
  bedrock: Pick<BedrockClient, "stream">,
  request: StreamRequest,
  options: { json?: boolean | undefined } = {},
): Promise<{ reason: StopReason; message: AssistantMessage } | undefined> {
  let midLine = false;
  const stopSpinner = await startSpinner(io, "Waiting for the model…");
  try {
    for await (const event of bedrock.stream(request)) {
      stopSpinner();
      if (options.json) {
        io.stdout.write(eventJsonLine(event));
        if (event.type === "done") return { reason: event.reason, message: event.message };
      } else if (event.type === "text_delta") {
        io.stdout.write(event.delta);
        midLine = !event.delta.endsWith("\n");
      } else if (event.type === "thinking_delta") {
        io.stderr.write(pc.dim(event.delta));
      } else if (event.type === "thinking_end") {
        io.stderr.write("\n");
      } else if (event.type === "toolcall_end") {
        if (midLine) io.stdout.write("\n");
        midLine = false;
        io.stderr.write(`${pc.cyan(formatToolCall(event.toolCall.name, event.toolCall.rawArguments ?? event.toolCall.arguments))}\n`);
      } else if (event.type === "done") {
        if (midLine) io.stdout.write("\n");
        midLine = false;
        if (io.stderr.isTTY) io.stderr.write(`${pc.dim(formatFooter(event.reason, event.message))}\n`);
        return { reason: event.reason, message: event.message };
      }
    }
    return undefined;
  } finally {
    stopSpinner();
    if (midLine) io.stdout.write("\n");
  }
}
