import { encodeEventStreamMessage } from "../src/event-stream/encode-event-stream-message.js";
import { encodeUtf8 } from "../src/event-stream/utf8.js";

/** One real ConverseStream event frame, as Bedrock sends it. */
export function eventFrame(eventType: string, payload: object): Uint8Array {
  return encodeEventStreamMessage({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    payload: encodeUtf8(JSON.stringify({ ...payload, p: "abcdefghijklmnopqrstuvwxyz" })),
  });
}

/** A minimal complete ConverseStream body: messageStart, one text delta, messageStop, metadata. */
export function converseStreamFrames(text = "hi"): Uint8Array[] {
  return [
    eventFrame("messageStart", { role: "assistant" }),
    eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }),
    eventFrame("contentBlockStop", { contentBlockIndex: 0 }),
    eventFrame("messageStop", { stopReason: "end_turn" }),
    eventFrame("metadata", { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } }),
  ];
}

/** A Converse (non-streaming) JSON reply. */
export const converseReply = JSON.stringify({
  output: { message: { role: "assistant", content: [{ text: "hi" }] } },
  stopReason: "end_turn",
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  metrics: { latencyMs: 1 },
});
