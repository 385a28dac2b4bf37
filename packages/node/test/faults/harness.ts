import { encodeEventStreamMessage, type Model, type StreamEvent, type StreamRequest } from "@streambed/core";
import type { RunningEmulator } from "@streambed/emulator";
import { createBedrock, type BedrockOptions } from "../../src/create-bedrock.js";

/** Keys the emulator under test accepts (SigV4). Not the demo keys, so configuration is proven. */
export const KEYS = {
  accessKeyId: "AKIAFAULTCATALOGUE01",
  secretAccessKey: "fault/catalogue/secret/KEY+value/0123456789",
} as const;

/** Header that makes the emulator inject a fault (docs/emulator.md). */
export const FAULT_HEADER = "x-streambed-emulator-fault";

/** A model that streams text (ON_DEMAND in the emulator catalogue). */
export const MODEL_ID = "amazon.nova-micro-v1:0";

/** Both transports every row runs through. */
export const TRANSPORTS = ["undici", "fetch"] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/**
 * A Model object that carries the emulator's fault header on every call (the client sends a
 * model's `headers` as they are), so a fault is injected without touching the client.
 */
export function faultModel(fault: string | undefined, id: string = MODEL_ID): Model {
  return {
    id,
    name: id,
    reasoning: false,
    input: ["text"],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: 128_000,
    maxTokens: 4096,
    ...(fault ? { headers: { [FAULT_HEADER]: fault } } : {}),
  };
}

/** A createBedrock client on the emulator: memory cache, no config file, explicit keys, retries fast. */
export function clientFor(emulator: { url: string }, transport: TransportName, extra: Partial<BedrockOptions> = {}) {
  return createBedrock({
    region: "us-east-1",
    endpoint: emulator.url,
    controlPlaneEndpoint: emulator.url,
    credentials: KEYS,
    config: false,
    discoveryCache: "memory",
    env: {},
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...(transport === "fetch" ? { fetch: globalThis.fetch } : {}),
    ...extra,
  });
}

/** One real ConverseStream event frame (`:message-type: event`, JSON payload), as Bedrock sends it. */
export function eventFrame(type: string, payload: Record<string, unknown>): Uint8Array {
  return encodeEventStreamMessage({
    headers: {
      ":event-type": { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    payload: new TextEncoder().encode(JSON.stringify(payload)),
  });
}

/** A one-message request. */
export function ask(model: string | Model, text = "tell me about the fault catalogue please", extra: Partial<StreamRequest> = {}): StreamRequest {
  return { model, messages: [{ role: "user", content: text }], ...extra };
}

/** What one stream produced: the events before the failure, and the failure. */
export interface Outcome {
  events: StreamEvent[];
  error: unknown;
}

/** Drain a stream; never throws. */
export async function drain(stream: AsyncIterable<StreamEvent>): Promise<Outcome> {
  const events: StreamEvent[] = [];
  try {
    for await (const ev of stream) events.push(ev);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

/** The text the events carried. */
export function textOf(events: StreamEvent[]): string {
  return events.map((e) => (e.type === "text_delta" ? e.delta : "")).join("");
}

/** Requests the emulator recorded for ConverseStream / Converse since index `from`. */
export function runtimeCalls(emulator: RunningEmulator, from = 0) {
  return emulator.requests.slice(from).filter((r) => r.operation === "converse-stream" || r.operation === "converse");
}

/** A rejection from `promise`, or a failure if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
