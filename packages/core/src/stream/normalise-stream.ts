import { EventStreamDecodeError, type EventStreamHeaders, type EventStreamMessage } from "@streambed/transport";
import { errorFromFrame } from "../errors/error-from-frame.js";
import type { AssistantMessage, Model, StreamEvent, TextContent, ThinkingContent, ToolCall } from "../types/index.js";
import { decodeBase64 } from "./decode-base64.js";
import type {
  BedrockContentBlockDeltaEvent,
  BedrockContentBlockStartEvent,
  BedrockMessageStopEvent,
  BedrockMetadataEvent,
} from "./bedrock-types.js";
import { computeUsage, unknownUsage } from "./compute-usage.js";
import { applyStopReason } from "./map-stop-reason.js";
import { applyReplyExtras, readCitation } from "./read-reply-extras.js";
import { parsePartialJson } from "./parse-partial-json.js";
import { GrowingText } from "./growing-text.js";
import { FAILURE_FRAME, framePayload, headersEventType } from "./read-frame.js";
import { TextDeltaReader } from "./read-text-delta.js";

/** What {@link normaliseStream} needs besides the frames. */
export interface StreamContext {
  /** The model called: its id goes on the message, its `cost` prices the usage. */
  model: Model;
  /** `x-amzn-requestid` of the response, put on every error thrown. */
  requestId?: string;
  /** Clock for `message.timestamp` (ms since the epoch). Default `Date.now`. */
  now?: () => number;
}

/**
 * A tool call whose final input was not a valid JSON object. `arguments` is `{}` (never a guess
 * handed to a tool), and the text the model produced is kept, unchanged, in `rawArguments`, so
 * the caller can report it or send it back to the model as an error tool result.
 */
export interface MalformedToolCall extends ToolCall {
  rawArguments: string;
}

/** `api` of every message streambed assembles. */
export const BEDROCK_API = "bedrock-converse-stream";
/** `provider` of every message streambed assembles. */
export const BEDROCK_PROVIDER = "amazon-bedrock";

/** Tool input up to this many characters is re-parsed on every delta. */
const PARSE_EVERY_DELTA_UP_TO = 2048;

const TEXT = 0;
const THINKING = 1;
const TOOL = 2;

/** One content block being assembled, keyed by Bedrock's `contentBlockIndex`. */
class Block {
  /** Keeps the map of this class's instances alive between streams (see `TextDeltaReader`'s `#shape`). */
  static readonly #shape = new Block(TEXT, 0, { type: "text", text: "" });
  /** Raw tool input received so far (tool blocks only). */
  json = "";
  /** Length of `json` when it was last parsed. */
  parsedAt = 0;
  ended = false;
  /** The block's `text` / `thinking`, assembled from its deltas (attached to the content object). */
  readonly grown = new GrowingText();
  constructor(
    readonly kind: 0 | 1 | 2,
    readonly contentIndex: number,
    readonly content: TextContent | ThinkingContent | ToolCall,
  ) {}
}

/** A fresh assistant message, as `start` hands it out. */
export function newAssistantMessage(model: Model, now: (() => number) | undefined): AssistantMessage {
  return {
    role: "assistant",
    content: [],
    api: BEDROCK_API,
    provider: BEDROCK_PROVIDER,
    model: model.id,
    usage: unknownUsage(),
    stopReason: "stop",
    timestamp: now === undefined ? Date.now() : now(),
  };
}

function openBlock(message: AssistantMessage, blocks: Map<number, Block>, index: number, kind: 0 | 1 | 2, id = "", name = ""): Block {
  const content: TextContent | ThinkingContent | ToolCall =
    kind === TEXT
      ? { type: "text", text: "" }
      : kind === THINKING
        ? { type: "thinking", thinking: "" }
        : { type: "toolCall", id, name, arguments: {} };
  const block = new Block(kind, message.content.length, content);
  if (kind === TEXT) block.grown.track(content as TextContent, "text");
  else if (kind === THINKING) block.grown.track(content as ThinkingContent, "thinking");
  message.content.push(content);
  blocks.set(index, block);
  return block;
}

function startEvent(block: Block, message: AssistantMessage): StreamEvent {
  if (block.kind === TEXT) return { type: "text_start", contentIndex: block.contentIndex, partial: message };
  if (block.kind === THINKING) return { type: "thinking_start", contentIndex: block.contentIndex, partial: message };
  const tool = block.content as ToolCall;
  return { type: "toolcall_start", contentIndex: block.contentIndex, id: tool.id, name: tool.name, partial: message };
}

/**
 * Best-effort arguments of a tool call while its input streams. Parsing is O(length), so parsing
 * on every delta would make a large input O(n²): up to {@link PARSE_EVERY_DELTA_UP_TO} characters
 * it is re-parsed on every delta; beyond, only once the input has grown by 1/8 since the last
 * parse (the previous result is handed out in between). Total parsing work stays ≤ ~9× the input
 * length, and the partial arguments are never more than 1/8 behind.
 */
function partialArguments(block: Block): Record<string, unknown> {
  const tool = block.content as ToolCall;
  const length = block.json.length;
  if (length <= PARSE_EVERY_DELTA_UP_TO || length - block.parsedAt >= block.parsedAt >>> 3) {
    tool.arguments = parsePartialJson(block.json);
    block.parsedAt = length;
  }
  return tool.arguments;
}

/** The final arguments of a tool call: the whole input parsed once; invalid → `{}` + `rawArguments`. */
function finishToolCall(block: Block): ToolCall {
  const tool = block.content as ToolCall;
  const text = block.json;
  if (/^\s*$/.test(text)) {
    tool.arguments = {};
    return tool;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    tool.arguments = value as Record<string, unknown>;
  } else {
    tool.arguments = {};
    (tool as MalformedToolCall).rawArguments = text;
  }
  return tool;
}

function endEvent(block: Block, message: AssistantMessage): StreamEvent {
  block.ended = true;
  block.grown.settle();
  if (block.kind === TEXT) {
    return { type: "text_end", contentIndex: block.contentIndex, content: (block.content as TextContent).text, partial: message };
  }
  if (block.kind === THINKING) {
    return { type: "thinking_end", contentIndex: block.contentIndex, content: (block.content as ThinkingContent).thinking, partial: message };
  }
  return { type: "toolcall_end", contentIndex: block.contentIndex, toolCall: finishToolCall(block), partial: message };
}

function appendBytes(existing: Uint8Array | undefined, more: Uint8Array): Uint8Array {
  if (existing === undefined || existing.length === 0) return more;
  const out = new Uint8Array(existing.length + more.length);
  out.set(existing, 0);
  out.set(more, existing.length);
  return out;
}

function blockIndex(raw: unknown): number {
  return typeof raw === "number" ? raw : 0;
}

/**
 * Bedrock ConverseStream frames (from `decodeEventStream`) → streambed's normalised events
 * (pi-ai's vocabulary): `start`, `text_*`, `thinking_*`, `toolcall_*`, `usage`, and `done` last,
 * once the frames end, carrying the assembled message.
 *
 * - `partial` on every event, and `done.message`, are one message object mutated in place (text
 *   is appended to its block): read it, copy it if you keep it.
 * - Text blocks may arrive without `contentBlockStart`; unknown event types, unknown delta kinds
 *   (images, tool results) and the `p` padding field are skipped — use {@link rawBedrockEvents}
 *   to see them. A `citation` delta is a `citation` event and stays on its text block's `citations`.
 * - `metadata.serviceTier` → `message.serviceTier`; `messageStop.additionalModelResponseFields` →
 *   `message.additionalModelResponseFields`.
 * - Reasoning: `thinking_*` events; the signature is kept on the block (`thinkingSignature`),
 *   redacted reasoning as bytes (`redacted`), so the block round-trips.
 * - Tool input is assembled from deltas; each `toolcall_delta` carries a best-effort parse of the
 *   input so far (see `parsePartialJson`), `toolcall_end` the final parse. Invalid final JSON →
 *   `arguments: {}` and the text in `rawArguments` ({@link MalformedToolCall}).
 * - Usage: `message.usage` is `{ known: false }` until the `metadata` event; a stream without one
 *   ends with usage unknown (never zeros). `done.rawReason` keeps Bedrock's `stopReason` as sent.
 * - Exception and error frames throw their typed error (`errorFromFrame`) after every event before
 *   them was yielded. A stream that ends before `messageStop` throws a `truncated`
 *   `EventStreamDecodeError`: the answer is incomplete.
 */
export async function* normaliseStream(
  frames: AsyncIterable<EventStreamMessage>,
  context: StreamContext,
): AsyncGenerator<StreamEvent, void, undefined> {
  const normaliser = new StreamNormaliser(context);
  const events: StreamEvent[] = [];
  for await (const frame of frames) {
    normaliser.push(frame, events);
    for (let i = 0; i < events.length; i++) yield events[i]!;
    events.length = 0;
  }
  normaliser.finish(events);
  for (let i = 0; i < events.length; i++) yield events[i]!;
}

/**
 * The state machine behind {@link normaliseStream}, synchronous: `push` turns one frame into the
 * events it produces (appended to `out`), `finish` appends the closing events once the frames end.
 * Lets a caller that owns the read loop (the client: one async layer per event instead of three)
 * normalise frames as its decoder emits them. Throws exactly what `normaliseStream` throws.
 */
export class StreamNormaliser {
  /** Keeps the map of this class's instances alive between streams (see `TextDeltaReader`'s `#shape`). */
  static readonly #shape = new StreamNormaliser({ model: { id: "" } as Model });
  readonly #model: Model;
  readonly #requestId: string | undefined;
  readonly #frameContext: { requestId: string | undefined; modelId: string };
  readonly #message: AssistantMessage;
  readonly #blocks = new Map<number, Block>();
  readonly #textDeltas = new TextDeltaReader();
  #started = false;
  #stopped = false;

  constructor(context: StreamContext) {
    this.#model = context.model;
    this.#requestId = context.requestId;
    this.#frameContext = { requestId: context.requestId, modelId: context.model.id };
    this.#message = newAssistantMessage(context.model, context.now);
  }

  /** Normalise one frame; its events are appended to `out`. */
  push(frame: EventStreamMessage, out: StreamEvent[]): void {
    this.pushFrame(frame.headers, frame.payload, 0, frame.payload.length, out);
  }

  /**
   * {@link push} for a frame handed out in place (the decoder's `onFrame`): its payload is
   * `bytes[start, end)`. A text delta is read from those bytes directly, with no view of them.
   */
  pushFrame(headers: EventStreamHeaders, bytes: Uint8Array, start: number, end: number, out: StreamEvent[]): void {
    const requestId = this.#requestId;
    const type = headersEventType(headers);
    if (type === FAILURE_FRAME) throw errorFromFrame({ headers, payload: bytes.subarray(start, end) }, this.#frameContext);
    if (type === undefined) return;
    const message = this.#message;
    const blocks = this.#blocks;
    if (!this.#started) {
      this.#started = true;
      out.push({ type: "start", partial: message });
    }
    switch (type) {
      case "contentBlockDelta": {
        // Text deltas are most of a stream: read without JSON.parse when the bytes allow it.
        const fast = this.#textDeltas.read(bytes, start, end);
        if (fast !== undefined) {
          this.#text(this.#textDeltas.index, fast, out);
          break;
        }
        const body = framePayload(bytes.subarray(start, end), type, requestId) as BedrockContentBlockDeltaEvent;
        const delta = body.delta;
        if (delta === null || typeof delta !== "object") break;
        const index = blockIndex(body.contentBlockIndex);
        let block = blocks.get(index);
        const text = delta.text;
        if (typeof text === "string") {
          this.#text(index, text, out);
        } else if (delta.toolUse !== undefined) {
          const input = delta.toolUse?.input;
          if (typeof input !== "string") break;
          if (block === undefined || block.kind !== TOOL || block.ended) {
            if (block !== undefined && !block.ended) out.push(endEvent(block, message));
            block = openBlock(message, blocks, index, TOOL);
            out.push(startEvent(block, message));
          }
          block.json += input;
          out.push({ type: "toolcall_delta", contentIndex: block.contentIndex, delta: input, arguments: partialArguments(block), partial: message });
        } else if (delta.citation !== undefined) {
          this.#citation(index, delta.citation, out);
        } else if (delta.reasoningContent !== undefined) {
          const reasoning = delta.reasoningContent;
          if (reasoning === null || typeof reasoning !== "object") break;
          if (block === undefined || block.kind !== THINKING || block.ended) {
            if (block !== undefined && !block.ended) out.push(endEvent(block, message));
            block = openBlock(message, blocks, index, THINKING);
            out.push(startEvent(block, message));
          }
          const thinking = block.content as ThinkingContent;
          if (typeof reasoning.text === "string") {
            block.grown.append(reasoning.text);
            out.push({ type: "thinking_delta", contentIndex: block.contentIndex, delta: reasoning.text, partial: message });
          } else if (typeof reasoning.signature === "string") {
            thinking.thinkingSignature = thinking.thinkingSignature === undefined ? reasoning.signature : thinking.thinkingSignature + reasoning.signature;
          } else if (typeof reasoning.redactedContent === "string") {
            thinking.redacted = appendBytes(thinking.redacted, decodeBase64(reasoning.redactedContent));
          }
        }
        break;
      }
      case "contentBlockStart": {
        const body = framePayload(bytes.subarray(start, end), type, requestId) as BedrockContentBlockStartEvent;
        const toolUse = body.start?.toolUse;
        if (toolUse === null || typeof toolUse !== "object") break;
        const index = blockIndex(body.contentBlockIndex);
        const existing = blocks.get(index);
        if (existing !== undefined && !existing.ended) out.push(endEvent(existing, message));
        const id = typeof toolUse.toolUseId === "string" ? toolUse.toolUseId : "";
        const name = typeof toolUse.name === "string" ? toolUse.name : "";
        out.push(startEvent(openBlock(message, blocks, index, TOOL, id, name), message));
        break;
      }
      case "contentBlockStop": {
        const body = framePayload(bytes.subarray(start, end), type, requestId);
        const block = blocks.get(blockIndex(body.contentBlockIndex));
        if (block !== undefined && !block.ended) out.push(endEvent(block, message));
        break;
      }
      case "messageStop": {
        const body = framePayload(bytes.subarray(start, end), type, requestId) as BedrockMessageStopEvent;
        this.#stopped = true;
        applyStopReason(message, typeof body.stopReason === "string" ? body.stopReason : undefined);
        applyReplyExtras(message, { additionalModelResponseFields: body.additionalModelResponseFields });
        break;
      }
      case "metadata": {
        const body = framePayload(bytes.subarray(start, end), type, requestId) as BedrockMetadataEvent;
        const usage = computeUsage(body.usage, this.#model);
        message.usage = usage;
        applyReplyExtras(message, { serviceTier: body.serviceTier });
        const metrics = body.metrics;
        out.push(
          metrics !== null && typeof metrics === "object"
            ? { type: "usage", usage, metrics: { latencyMs: metrics.latencyMs }, partial: message }
            : { type: "usage", usage, partial: message },
        );
        break;
      }
      default:
        // messageStart (start is already out) and event types streambed does not know: skipped.
        break;
    }
  }

  /** Text block `index`, opened (ending the block open at that index, if any) when it is not an open text block. */
  #textBlock(index: number, out: StreamEvent[]) {
    const message = this.#message;
    let block = this.#blocks.get(index);
    if (block === undefined || block.kind !== TEXT || block.ended) {
      if (block !== undefined && !block.ended) out.push(endEvent(block, message));
      block = openBlock(message, this.#blocks, index, TEXT);
      out.push(startEvent(block, message));
    }
    return block;
  }

  /** A citation of text block `index` (a block the citation arrives first in is opened as text): kept on the block, and a `citation` event. */
  #citation(index: number, raw: unknown, out: StreamEvent[]): void {
    const citation = readCitation(raw);
    if (citation === undefined) return;
    const message = this.#message;
    const block = this.#textBlock(index, out);
    const content = block.content as TextContent;
    (content.citations ??= []).push(citation);
    out.push({ type: "citation", contentIndex: block.contentIndex, citation, partial: message });
  }

  /** A text delta for block `index`: opens (and ends the previous) text block when needed. */
  #text(index: number, text: string, out: StreamEvent[]): void {
    const message = this.#message;
    const block = this.#textBlock(index, out);
    block.grown.append(text);
    out.push({ type: "text_delta", contentIndex: block.contentIndex, delta: text, partial: message });
  }

  /**
   * The frames ended: append the end events of open blocks and `done`. Throws a `truncated`
   * `EventStreamDecodeError` when no `messageStop` came.
   */
  finish(out: StreamEvent[]): void {
    const requestId = this.#requestId;
    const message = this.#message;
    if (!this.#stopped) {
      throw new EventStreamDecodeError(
        "truncated",
        `The ConverseStream response ended before its messageStop event${this.#started ? "" : " (no event at all)"}${requestId ? ` (request ${requestId})` : ""}: the answer is incomplete. Retry the request.`,
        { requestId, retryable: !this.#started },
      );
    }
    for (const block of this.#blocks.values()) if (!block.ended) out.push(endEvent(block, message));
    const rawReason = message.rawStopReason;
    out.push(
      rawReason === undefined
        ? { type: "done", reason: message.stopReason ?? "other", message }
        : { type: "done", reason: message.stopReason ?? "other", rawReason, message },
    );
  }
}
