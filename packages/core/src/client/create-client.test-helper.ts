/** createClient in a test: scripted transports answering with real frames from the stream fixtures, a client with test keys. */
import { encodeUtf8, type HttpRequest, type HttpResponse, type Transport } from "@streambed/transport";
import { createCredentialChain, explicitCredentialSource } from "../credentials/index.js";
import type { StreamEvent } from "../types/index.js";
import { textResponse } from "../stream/fixtures/converse-stream-frames.js";
import { createClient } from "./create-client.js";
import { modelDiscovery } from "./discover-models.js";

export const KEYS = { accessKeyId: "AKIDEXAMPLE1234", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "SESSIONTOKENEXAMPLE" };
export const MODEL = "us.anthropic.claude-sonnet-4-6-v1:0";

/** The reply every test streams: one text delta, end_turn, 5 tokens in / 2 out (real frames from the stream fixtures). */
export function textReply(text: string): Uint8Array[] {
  return textResponse([text], "end_turn", { inputTokens: 5, outputTokens: 2, totalTokens: 7 });
}

export async function* chunks(list: Uint8Array[], failAfter?: Error): AsyncGenerator<Uint8Array> {
  for (const c of list) yield c;
  if (failAfter) throw failAfter;
}

export function ok(list: Uint8Array[], failAfter?: Error): HttpResponse {
  return { status: 200, headers: { "x-amzn-requestid": "req-1", "content-type": "application/vnd.amazon.eventstream" }, body: chunks(list, failAfter) };
}

export function httpError(status: number, type: string, message: string, extra: Record<string, string> = {}): HttpResponse {
  return { status, headers: { "x-amzn-errortype": type, "x-amzn-requestid": "req-err", ...extra }, body: chunks([encodeUtf8(JSON.stringify({ message }))]) };
}

export function scriptedTransport(script: Array<(req: HttpRequest) => HttpResponse | Promise<HttpResponse>>): Transport & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async send(req) {
      requests.push(req);
      const step = script[Math.min(requests.length - 1, script.length - 1)]!;
      return step(req);
    },
  };
}

export function client(transport: Transport, extra: Partial<Parameters<typeof createClient>[0]> = {}) {
  return createClient({
    transport,
    credentials: createCredentialChain([explicitCredentialSource(KEYS)]),
    env: {},
    region: "us-east-1",
    endpoint: "http://127.0.0.1:1",
    sleep: async () => {},
    random: () => 0,
    discovery: modelDiscovery(),
    ...extra,
  });
}

export async function collect(it: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const ev of it) out.push(ev);
  return out;
}
