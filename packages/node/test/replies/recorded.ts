/**
 * Replies recorded from real Bedrock by other clients (the same recordings as core's
 * src/stream/fixtures/recorded-replies.ts; core's fixtures are not in its dist).
 */

/**
 * A Nova Lite ConverseStream answer, recorded live by the AI SDK (vercel/ai #17523,
 * packages/amazon-bedrock/src/__fixtures__/issue-17523-foundation-model-arn.chunks.txt, commit
 * bf15d78b), first five text deltas kept.
 */
export const NOVA_LITE_EVENTS: Array<Record<string, Record<string, unknown>>> = [
  { messageStart: { role: "assistant" } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Sorry" } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: ", I" } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: " can't respond in a" } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: " way that might seem" } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: " impersonal" } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: "end_turn" } },
  { metadata: { metrics: { latencyMs: 824 }, usage: { inputTokens: 5, outputTokens: 89, serverToolUsage: {}, totalTokens: 94 } } },
];

/** The Converse and ConverseStream bodies of Bedrock's 200 Coral reply, exactly as recorded for vercel/ai #17523. */
export const CORAL_UNKNOWN_OPERATION_CONVERSE_BODY = `{
  "Output": {
    "__type": "com.amazon.coral.service#UnknownOperationException"
  },
  "Version": "1.0"
}
`;
export const CORAL_UNKNOWN_OPERATION_STREAM_BODY = `{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}
`;
