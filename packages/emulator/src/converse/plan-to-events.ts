import { additionalModelResponseFields } from "./additional-fields.js";
import type { ContentPlan } from "./behaviour.js";

/** One ConverseStream event and how long "generating" it takes before it is sent. */
export interface TimedEvent {
  type: string;
  payload: Record<string, unknown>;
  delayMs: number;
}

/** Rough token count of a piece of text (Bedrock-like: ~4 characters per token). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** Split text into deltas of 1–4 words, like a model streaming a few tokens at a time. */
export function chunkText(text: string, random: () => number): string[] {
  const words = text.match(/\s*\S+\s*?/g) ?? (text ? [text] : []);
  const chunks: string[] = [];
  let consumed = 0;
  for (let i = 0; i < words.length; ) {
    const n = 1 + Math.floor(random() * 4);
    const chunk = words.slice(i, i + n).join("");
    chunks.push(chunk);
    consumed += chunk.length;
    i += n;
  }
  if (consumed < text.length) {
    if (chunks.length === 0) chunks.push(text.slice(consumed));
    else chunks[chunks.length - 1] += text.slice(consumed);
  }
  return chunks;
}

/** The text before the earliest of `sequences` (and which one), or `undefined` when none occurs. */
export function cutAtStopSequence(text: string, sequences: string[]): { text: string; sequence: string } | undefined {
  let best: { text: string; sequence: string } | undefined;
  for (const sequence of sequences) {
    const at = sequence ? text.indexOf(sequence) : -1;
    if (at >= 0 && (!best || at < best.text.length)) best = { text: text.slice(0, at), sequence };
  }
  return best;
}

/** Options of {@link planToEvents}. */
export interface PaceOptions {
  tokensPerSecond: number;
  inputTokens: number;
  /** `inferenceConfig.maxTokens`: output beyond it is cut and the stop reason becomes `max_tokens`. */
  maxTokens?: number;
  /** Prompt-cache tokens of a request with cache points (`inputTokens` is then the uncached rest). */
  cache?: { read: number; write: number; ttl: "5m" | "1h" };
  /** A Claude request's `additionalModelResponseFieldPaths`: `messageStop` carries the fields they name. */
  responseFieldPaths?: { paths: string[]; streaming: boolean };
  /** The metadata event's `trace` (a guardrail's assessment). */
  trace?: Record<string, unknown>;
  /** `inferenceConfig.stopSequences`: the text ends before the first one found, stop reason `stop_sequence`. */
  stopSequences?: string[];
  /** A `citation` delta sent after the text deltas, in the text block (a document with citations enabled). */
  citation?: Record<string, unknown>;
  /** The metadata event's `serviceTier` and `performanceConfig` (what the request asked for). */
  served?: { serviceTier?: unknown; performanceConfig?: unknown };
  random: () => number;
}

/**
 * Turn a plan into Bedrock's ConverseStream event sequence: messageStart, a reasoning block (text
 * deltas then a signature delta), a text block, a tool-use block (contentBlockStart with id and name,
 * then input JSON deltas), messageStop, metadata with usage and metrics.
 */
export function planToEvents(plan: ContentPlan, options: PaceOptions): TimedEvent[] {
  const events: TimedEvent[] = [{ type: "messageStart", payload: { role: "assistant" }, delayMs: 0 }];
  const delayFor = (tokens: number) => (options.tokensPerSecond > 0 ? (tokens * 1000) / options.tokensPerSecond : 0);
  let outputTokens = 0;
  let totalDelay = 0;
  let truncated = false;
  const budget = options.maxTokens ?? Number.POSITIVE_INFINITY;
  const push = (type: string, payload: Record<string, unknown>, tokens = 0) => {
    const delayMs = delayFor(tokens);
    totalDelay += delayMs;
    outputTokens += tokens;
    events.push({ type, payload, delayMs });
  };
  /** `text` cut to the tokens left (~4 characters each); a cut marks the reply `max_tokens`. */
  const withinBudget = (text: string) => {
    const left = Math.max(0, budget - outputTokens);
    if (estimateTokens(text) <= left) return text;
    truncated = true;
    return text.slice(0, left * 4);
  };
  let stoppedAt: string | undefined;
  let text = plan.text;
  if (text && options.stopSequences?.length) {
    const cut = cutAtStopSequence(text, options.stopSequences);
    if (cut) {
      text = cut.text;
      stoppedAt = cut.sequence;
    }
  }
  /** Stream `text` in deltas; usage counts the whole text (not the rounded-up pieces). */
  const pushText = (text: string, delta: (piece: string) => Record<string, unknown>) => {
    const before = outputTokens;
    for (const piece of chunkText(text, options.random)) push("contentBlockDelta", { contentBlockIndex: index, delta: delta(piece) }, estimateTokens(piece));
    outputTokens = before + estimateTokens(text);
  };
  let index = 0;
  if (plan.reasoning) {
    pushText(withinBudget(plan.reasoning.text), (piece) => ({ reasoningContent: { text: piece } }));
    if (plan.reasoning.signature && !truncated) {
      push("contentBlockDelta", { contentBlockIndex: index, delta: { reasoningContent: { signature: plan.reasoning.signature } } });
    }
    push("contentBlockStop", { contentBlockIndex: index });
    index++;
  }
  if (text && !truncated) {
    pushText(withinBudget(text), (piece) => ({ text: piece }));
    if (options.citation && !truncated) push("contentBlockDelta", { contentBlockIndex: index, delta: { citation: options.citation } });
    push("contentBlockStop", { contentBlockIndex: index });
    index++;
  }
  if (plan.toolUse && !truncated && stoppedAt === undefined) {
    const json = JSON.stringify(plan.toolUse.input ?? {});
    push("contentBlockStart", { contentBlockIndex: index, start: { toolUse: { toolUseId: plan.toolUse.toolUseId, name: plan.toolUse.name } } });
    const third = Math.max(1, Math.ceil(json.length / 3));
    for (let i = 0; i < json.length; i += third) {
      const piece = json.slice(i, i + third);
      push("contentBlockDelta", { contentBlockIndex: index, delta: { toolUse: { input: piece } } }, estimateTokens(piece));
    }
    push("contentBlockStop", { contentBlockIndex: index });
  }
  const stopReason = truncated
    ? "max_tokens"
    : stoppedAt !== undefined
      ? "stop_sequence"
      : (plan.stopReason ?? (plan.toolUse ? "tool_use" : "end_turn"));
  const additional = options.responseFieldPaths
    ? additionalModelResponseFields(options.responseFieldPaths.paths, {
        stopReason,
        stopSequence: stoppedAt ?? null,
        streaming: options.responseFieldPaths.streaming,
      })
    : undefined;
  push("messageStop", { stopReason, ...(additional ? { additionalModelResponseFields: additional } : {}) });
  const cache = options.cache;
  const usage: Record<string, unknown> & { inputTokens: number; outputTokens: number; totalTokens: number } = {
    inputTokens: options.inputTokens,
    outputTokens,
    totalTokens: options.inputTokens + outputTokens + (cache ? cache.read + cache.write : 0),
    ...(cache
      ? {
          cacheReadInputTokens: cache.read,
          cacheWriteInputTokens: cache.write,
          ...(cache.write > 0 ? { cacheDetails: [{ ttl: cache.ttl, inputTokens: cache.write }] } : {}),
        }
      : {}),
    ...plan.usage,
  };
  if (plan.usage && plan.usage.totalTokens === undefined) {
    usage.totalTokens = usage.inputTokens + usage.outputTokens + Number(usage["cacheReadInputTokens"] ?? 0) + Number(usage["cacheWriteInputTokens"] ?? 0);
  }
  push("metadata", {
    usage,
    metrics: { latencyMs: Math.round(totalDelay) + 12 },
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.served?.performanceConfig !== undefined ? { performanceConfig: options.served.performanceConfig } : {}),
    ...(options.served?.serviceTier !== undefined ? { serviceTier: options.served.serviceTier } : {}),
  });
  return events;
}

/** Events given as Bedrock JSON (`{ contentBlockDelta: {…} }`) as timed events. */
export function fromJsonEvents(events: Array<Record<string, Record<string, unknown> | undefined>>): TimedEvent[] {
  return events.map((e) => {
    const type = Object.keys(e).find((k) => e[k] !== undefined) ?? "unknown";
    return { type, payload: e[type] ?? {}, delayMs: 0 };
  });
}
