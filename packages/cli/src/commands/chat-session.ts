import { createInterface } from "node:readline";
import pc from "picocolors";
import { createBedrock, type AssistantMessage, type Message } from "streambed";
import { EXIT_INTERRUPTED, EXIT_OK } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { reportCommandError } from "../report-error.js";
import { streamReply } from "../stream-reply.js";
import { requestOptions, type ChatOptions } from "./chat.js";

const HELP = "/model [ref] switch (or show) the model · /system [text] set (or clear) the system prompt · /reset forget the conversation · /exit leave (also Ctrl-D) · Ctrl-C cancels an answer";

/**
 * What the next turn sends back of an answer: its text and reasoning (signed, as Claude needs it).
 * Tool calls are left out: the CLI runs no tools and sends no tool config, which Bedrock requires
 * with tool blocks in the history.
 */
export function historyMessage(message: AssistantMessage): AssistantMessage | undefined {
  const content = message.content.filter((block) => block.type === "text" || block.type === "thinking");
  return content.some((block) => block.type === "text" && block.text !== "") ? { ...message, content } : undefined;
}

/**
 * `streambed chat` with no prompt on a terminal: a multi-turn session on Node's readline (line
 * editing, ↑/↓ history). Each answer streams as in one-shot mode (spinner, dimmed reasoning, tool
 * calls, footer). Ctrl-C cancels the answer being streamed (the turn is dropped) or clears the
 * line at the prompt; `/exit` or Ctrl-D ends the session (exit 0). A failed turn prints its error
 * and the session goes on.
 */
export async function runChatSession(io: CliIo, options: ChatOptions): Promise<number> {
  const bedrock = createBedrock({ env: io.env });
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true, historySize: 1000, prompt: pc.bold("> ") });
  const state = { ...options };
  let history: Message[] = [];
  let current: AbortController | undefined;
  let interrupted = false;
  const cancel = (): void => current?.abort();
  // Ctrl-C reaches readline as a key (raw mode). A SIGINT sent from outside cancels the answer
  // being streamed too; at the prompt it ends the session (exit 130).
  const onSignal = (): void => {
    if (current) return cancel();
    interrupted = true;
    rl.close();
  };
  process.on("SIGINT", onSignal);
  rl.on("SIGINT", () => {
    if (current) return cancel();
    // Clear the line being typed, as a shell does.
    rl.write(null, { ctrl: true, name: "e" });
    rl.write(null, { ctrl: true, name: "u" });
    io.stdout.write("^C\n");
    rl.prompt();
  });
  const closed = new Promise<void>((resolve) => rl.once("close", resolve));
  const say = (text: string): void => void io.stderr.write(`${pc.dim(text)}\n`);
  const modelName = (): string => state.model ?? "the config's default (agents.defaults.model.primary)";

  say(`streambed chat · model ${modelName()}`);
  say(HELP);

  const command = (line: string): "exit" | undefined => {
    const [name, ...rest] = line.split(/\s+/);
    const arg = line.slice(name!.length).trim();
    if (name === "/exit" || name === "/quit") return "exit";
    if (name === "/reset") {
      history = [];
      say("Conversation forgotten.");
    } else if (name === "/model") {
      if (arg) state.model = arg;
      say(`Model: ${modelName()}`);
    } else if (name === "/system") {
      state.system = arg || undefined;
      say(arg ? `System prompt set (${arg.length} characters).` : "System prompt cleared.");
    } else if (name === "/help") {
      say(HELP);
    } else {
      say(`Unknown command ${name}${rest.length ? " …" : ""}. ${HELP}`);
    }
    return undefined;
  };

  const turn = async (text: string): Promise<void> => {
    const controller = new AbortController();
    current = controller;
    const messages: Message[] = [...history, { role: "user", content: text }];
    try {
      const reply = await streamReply(io, bedrock, { ...requestOptions(state), messages, signal: controller.signal });
      const answer = reply && historyMessage(reply.message);
      if (answer) history = [...messages, answer];
    } catch (error) {
      if (controller.signal.aborted) say("Cancelled.");
      else await reportCommandError(io, error);
    } finally {
      current = undefined;
    }
  };

  let exit = false;
  const handle = async (line: string): Promise<void> => {
    const text = line.trim();
    if (exit) return;
    if (text.startsWith("/")) {
      if (command(text) === "exit") {
        exit = true;
        rl.close();
        return;
      }
    } else if (text !== "") {
      await turn(text);
    }
    if (!exit) rl.prompt();
  };
  // Lines typed while an answer streams wait their turn.
  let queue = Promise.resolve();
  rl.on("line", (line) => void (queue = queue.then(() => handle(line))));
  try {
    rl.prompt();
    await closed;
    exit = true;
    await queue;
    return interrupted ? EXIT_INTERRUPTED : EXIT_OK;
  } finally {
    process.off("SIGINT", onSignal);
    cancel();
    await bedrock.close();
  }
}
