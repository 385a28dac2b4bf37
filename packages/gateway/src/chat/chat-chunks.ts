import type { StreamEvent } from "@streambed/core";
import type { GatewayError } from "../errors/gateway-error.js";
import { finishReasonOf } from "./finish-reason.js";
import { chatUsageOf, tokenCountsOf, type TokenCounts } from "./usage.js";

/** Characters JSON must escape (quote, backslash, controls; U+2028/9 are valid JSON). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** `JSON.stringify(text)`, without its cost for the common text that needs no escaping. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** What the chunker learnt from the stream, for the caller's bookkeeping. */
export interface ChunkerState {
  counts: TokenCounts | undefined;
  /** Set when the model's answer ended in an error (malformed output): sent as the stream's error. */
  failed: string | undefined;
}

/**
 * streambed events → `chat.completion.chunk` SSE lines. Each chunk is one template with the delta
 * spliced in (ids, model and created written once per stream, not per token):
 * `start` → `{role: "assistant", content: ""}`; `text_delta` → `content`; `thinking_delta` →
 * `reasoning_content`; `toolcall_start` → a `tool_calls` entry with id, name and `arguments: ""`;
 * `toolcall_delta` → its `arguments` piece (same `index`); `done` → an empty delta with the finish
 * reason; then, with `include_usage`, a chunk with no choices and the usage (every other chunk has
 * `usage: null`, as OpenAI sends them); then `data: [DONE]`.
 */
export class ChatChunker {
  readonly state: ChunkerState = { counts: undefined, failed: undefined };
  private readonly head: string;
  private readonly tail: string;
  private readonly toolIndex = new Map<number, number>();
  /** The hot path's pieces: a text delta is `textHead + "<delta>" + deltaTail`. */
  private readonly textHead: string;
  private readonly reasoningHead: string;
  private readonly deltaTail: string;

  constructor(
    id: string,
    model: string,
    created: number,
    private readonly includeUsage: boolean,
  ) {
    this.head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"choices":[`;
    this.tail = `]${includeUsage ? ',"usage":null' : ""}}\n\n`;
    this.textHead = `${this.head}{"index":0,"delta":{"content":`;
    this.reasoningHead = `${this.head}{"index":0,"delta":{"reasoning_content":`;
    this.deltaTail = `},"logprobs":null,"finish_reason":null}${this.tail}`;
  }

  private choice(delta: string, finish: string | null = null): string {
    return `${this.head}{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish === null ? "null" : `"${finish}"`}}${this.tail}`;
  }

  /** The SSE text for one event ("" when it has none). */
  event(ev: StreamEvent): string {
    switch (ev.type) {
      case "start":
        return this.choice('{"role":"assistant","content":""}');
      case "text_delta":
        return ev.delta === "" ? "" : this.textHead + jsonString(ev.delta) + this.deltaTail;
      case "thinking_delta":
        return ev.delta === "" ? "" : this.reasoningHead + jsonString(ev.delta) + this.deltaTail;
      case "toolcall_start": {
        const index = this.toolIndex.size;
        this.toolIndex.set(ev.contentIndex, index);
        return this.choice(`{"tool_calls":[{"index":${index},"id":${JSON.stringify(ev.id)},"type":"function","function":{"name":${JSON.stringify(ev.name)},"arguments":""}}]}`);
      }
      case "toolcall_delta": {
        if (ev.delta === "") return "";
        const index = this.toolIndex.get(ev.contentIndex) ?? 0;
        return this.choice(`{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(ev.delta)}}}]}`);
      }
      case "usage":
        this.state.counts = tokenCountsOf(ev.usage);
        return "";
      case "done": {
        this.state.counts = tokenCountsOf(ev.message.usage) ?? this.state.counts;
        const finish = finishReasonOf(ev.reason);
        if (finish === undefined) {
          this.state.failed = ev.message.errorMessage ?? `The model's answer ended in an error (Bedrock stop reason ${ev.message.rawStopReason ?? ev.reason}).`;
          return "";
        }
        return this.choice("{}", finish) + this.end();
      }
      default:
        return "";
    }
  }

  /** The usage chunk (when asked for) and `[DONE]`. */
  private end(): string {
    const counts = this.state.counts;
    const usage = this.includeUsage ? `${this.head}]${`,"usage":${counts ? JSON.stringify(chatUsageOf(counts)) : "null"}`}}\n\n` : "";
    return `${usage}data: [DONE]\n\n`;
  }

  /** An error after the stream started: a final chunk `{"error": {…}}` (the openai client throws it as an APIError). */
  error(error: GatewayError): string {
    return `data: ${JSON.stringify(error.toBody())}\n\n`;
  }
}
