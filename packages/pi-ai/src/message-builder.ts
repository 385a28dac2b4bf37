import {
  calculateCost,
  parseStreamingJson,
  type Api,
  type AssistantMessage,
  type AssistantMessageEventStream,
  type Model,
  type TextContent,
  type ThinkingContent,
  type ToolCall,
} from "@mariozechner/pi-ai";
import type { StreamEvent, ThinkingContent as StreambedThinking } from "streambed";
import { ABORTED_MESSAGE, errorMessage } from "./error-message.js";
import { stopOutcome } from "./stop-outcome.js";

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Builds pi-ai's `AssistantMessage` from streambed's events and pushes pi-ai's events, exactly as
 * its Bedrock provider does: `start`, `text_*`, `thinking_*`, `toolcall_*` (no `usage` event: the
 * counts go on the message), then `done` — or `error` with the partial message, `stopReason`
 * "error" or "aborted" and `errorMessage`. Never throws.
 */
export class PiAiMessageBuilder {
  /** The message handed out as `partial`, then as `done.message` / `error.error`. */
  readonly output: AssistantMessage;
  readonly #model: Model<Api>;
  readonly #out: AssistantMessageEventStream;
  /** streambed's content index → ours (the same order, kept explicit). */
  readonly #index = new Map<number, number>();
  /** Tool input JSON received so far, by our content index. */
  readonly #json = new Map<number, string>();
  #finished = false;

  constructor(model: Model<Api>, out: AssistantMessageEventStream) {
    this.#model = model;
    this.#out = out;
    this.output = {
      role: "assistant",
      content: [],
      api: model.api,
      provider: model.provider,
      model: model.id,
      usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
      stopReason: "stop",
      timestamp: Date.now(),
    };
  }

  /** Whether `done` or `error` was pushed. */
  get finished(): boolean {
    return this.#finished;
  }

  #open(sbIndex: number, block: TextContent | ThinkingContent | ToolCall): number {
    const index = this.output.content.push(block) - 1;
    this.#index.set(sbIndex, index);
    return index;
  }

  #block<T>(sbIndex: number): [number, T] {
    const index = this.#index.get(sbIndex)!;
    return [index, this.output.content[index] as T];
  }

  /** Reasoning signature / redacted payload, from streambed's block (they come without an event). */
  #syncThinking(sbIndex: number, source: StreambedThinking | undefined): void {
    const [, block] = this.#block<ThinkingContent>(sbIndex);
    if (source === undefined || block === undefined) return;
    if (source.redacted !== undefined && source.redacted.length > 0) {
      block.redacted = true;
      block.thinkingSignature = bytesToBase64(source.redacted);
    } else if (source.thinkingSignature !== undefined) {
      block.thinkingSignature = source.thinkingSignature;
    }
  }

  /** One streambed event → pi-ai's events. */
  push(event: StreamEvent, signal: AbortSignal | undefined): void {
    const output = this.output;
    const out = this.#out;
    switch (event.type) {
      case "start":
        out.push({ type: "start", partial: output });
        break;
      case "text_start":
        out.push({ type: "text_start", contentIndex: this.#open(event.contentIndex, { type: "text", text: "" }), partial: output });
        break;
      case "text_delta": {
        const [index, block] = this.#block<TextContent>(event.contentIndex);
        block.text += event.delta;
        out.push({ type: "text_delta", contentIndex: index, delta: event.delta, partial: output });
        break;
      }
      case "text_end": {
        const [index, block] = this.#block<TextContent>(event.contentIndex);
        out.push({ type: "text_end", contentIndex: index, content: block.text, partial: output });
        break;
      }
      case "thinking_start":
        out.push({ type: "thinking_start", contentIndex: this.#open(event.contentIndex, { type: "thinking", thinking: "", thinkingSignature: "" }), partial: output });
        break;
      case "thinking_delta": {
        if (event.delta === "") break;
        const [index, block] = this.#block<ThinkingContent>(event.contentIndex);
        block.thinking += event.delta;
        out.push({ type: "thinking_delta", contentIndex: index, delta: event.delta, partial: output });
        break;
      }
      case "thinking_end": {
        this.#syncThinking(event.contentIndex, event.partial.content[event.contentIndex] as StreambedThinking | undefined);
        const [index, block] = this.#block<ThinkingContent>(event.contentIndex);
        out.push({ type: "thinking_end", contentIndex: index, content: block.thinking, partial: output });
        break;
      }
      case "toolcall_start":
        this.#json.set(this.#open(event.contentIndex, { type: "toolCall", id: event.id, name: event.name, arguments: {} }), "");
        out.push({ type: "toolcall_start", contentIndex: this.#index.get(event.contentIndex)!, partial: output });
        break;
      case "toolcall_delta": {
        const [index, block] = this.#block<ToolCall>(event.contentIndex);
        const json = (this.#json.get(index) ?? "") + event.delta;
        this.#json.set(index, json);
        block.arguments = parseStreamingJson(json);
        out.push({ type: "toolcall_delta", contentIndex: index, delta: event.delta, partial: output });
        break;
      }
      case "toolcall_end": {
        const [index, block] = this.#block<ToolCall>(event.contentIndex);
        block.arguments = parseStreamingJson(this.#json.get(index));
        this.#json.delete(index);
        out.push({ type: "toolcall_end", contentIndex: index, toolCall: block, partial: output });
        break;
      }
      case "usage":
        this.#usage(event.usage);
        break;
      case "done":
        this.#done(event, signal);
        break;
    }
  }

  #usage(usage: StreamEvent & { type: "usage" } extends { usage: infer U } ? U : never): void {
    // Bedrock sent no counts (streambed: `known: false`): pi-ai's message keeps zeros, as its provider does.
    if ((usage as { known?: boolean }).known === false || typeof usage.input !== "number") return;
    const target = this.output.usage;
    target.input = usage.input;
    target.output = usage.output ?? 0;
    target.cacheRead = usage.cacheRead ?? 0;
    target.cacheWrite = usage.cacheWrite ?? 0;
    target.totalTokens = usage.totalTokens || target.input + target.output;
    calculateCost(this.#model, target);
  }

  #done(event: StreamEvent & { type: "done" }, signal: AbortSignal | undefined): void {
    for (const [sbIndex, index] of this.#index) {
      if (this.output.content[index]?.type === "thinking") this.#syncThinking(sbIndex, event.message.content[sbIndex] as StreambedThinking | undefined);
    }
    if (signal?.aborted) return this.fail(new Error(ABORTED_MESSAGE), true);
    const outcome = stopOutcome(event);
    if (outcome.error !== undefined) return this.fail(new Error(outcome.error), false);
    this.output.stopReason = outcome.reason;
    this.#finished = true;
    this.#out.push({ type: "done", reason: outcome.reason, message: this.output });
    this.#out.end();
  }

  /** End with pi-ai's `error` event: the partial message, "aborted" or "error", the message. */
  fail(error: unknown, aborted: boolean): void {
    if (this.#finished) return;
    this.#finished = true;
    this.output.stopReason = aborted ? "aborted" : "error";
    this.output.errorMessage = errorMessage(error, aborted);
    this.#out.push({ type: "error", reason: this.output.stopReason, error: this.output });
    this.#out.end();
  }
}
