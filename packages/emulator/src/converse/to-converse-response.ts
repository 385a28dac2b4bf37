import type { TimedEvent } from "./plan-to-events.js";

interface BlockState {
  text?: string;
  citations?: unknown[];
  reasoning?: { text: string; signature?: string };
  toolUse?: { toolUseId: string; name: string; input: string };
}

/** Fold a ConverseStream event sequence into the Converse (non-streaming) response body. */
export function toConverseResponse(events: TimedEvent[]): Record<string, unknown> {
  const blocks = new Map<number, BlockState>();
  const block = (i: number) => {
    let b = blocks.get(i);
    if (!b) blocks.set(i, (b = {}));
    return b;
  };
  let stopReason = "end_turn";
  let additionalModelResponseFields: unknown;
  let usage: unknown = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let metrics: unknown = { latencyMs: 0 };
  let trace: unknown;
  const served: Record<string, unknown> = {};
  for (const { type, payload } of events) {
    const index = payload["contentBlockIndex"] as number;
    if (type === "contentBlockStart") {
      const tool = (payload["start"] as { toolUse?: { toolUseId: string; name: string } })?.toolUse;
      if (tool) block(index).toolUse = { toolUseId: tool.toolUseId, name: tool.name, input: "" };
    } else if (type === "contentBlockDelta") {
      const delta = payload["delta"] as Record<string, Record<string, string> | string>;
      const b = block(index);
      if (typeof delta["text"] === "string") b.text = (b.text ?? "") + delta["text"];
      if (delta["citation"] !== undefined) (b.citations ??= []).push(delta["citation"]);
      const reasoning = delta["reasoningContent"] as Record<string, string> | undefined;
      if (reasoning) {
        b.reasoning ??= { text: "" };
        if (reasoning["text"]) b.reasoning.text += reasoning["text"];
        if (reasoning["signature"]) b.reasoning.signature = reasoning["signature"];
      }
      const tool = delta["toolUse"] as Record<string, string> | undefined;
      if (tool && b.toolUse) b.toolUse.input += tool["input"] ?? "";
    } else if (type === "messageStop") {
      stopReason = payload["stopReason"] as string;
      additionalModelResponseFields = payload["additionalModelResponseFields"];
    } else if (type === "metadata") {
      usage = payload["usage"];
      metrics = payload["metrics"];
      trace = payload["trace"];
      for (const key of ["performanceConfig", "serviceTier"]) if (payload[key] !== undefined) served[key] = payload[key];
    }
  }
  const content = [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, b]) => {
      if (b.toolUse) {
        let input: unknown = {};
        try {
          input = b.toolUse.input ? JSON.parse(b.toolUse.input) : {};
        } catch {
          input = b.toolUse.input;
        }
        return { toolUse: { toolUseId: b.toolUse.toolUseId, name: b.toolUse.name, input } };
      }
      if (b.reasoning) return { reasoningContent: { reasoningText: b.reasoning } };
      // Cited text comes back as one citationsContent block: the generated text and its citations.
      if (b.citations) return { citationsContent: { content: [{ text: b.text ?? "" }], citations: b.citations } };
      return { text: b.text ?? "" };
    });
  return {
    output: { message: { role: "assistant", content } },
    stopReason,
    usage,
    metrics,
    ...(additionalModelResponseFields !== undefined ? { additionalModelResponseFields } : {}),
    ...(trace !== undefined ? { trace } : {}),
    ...served,
  };
}
