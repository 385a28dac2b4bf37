import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { decodeEventStream, type EventStreamMessage } from "@streambed/transport";

/** A key pair for tests (not the demo one, so tests prove configuration works). */
export const TEST_KEYS = { accessKeyId: "AKIATESTEMULATOR0001", secretAccessKey: "test-secret-for-the-emulator-only" };

export interface SignOptions {
  method?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
  signingDate?: Date;
  /** Replace the body after signing (tampering). */
  tamperBody?: string;
}

/** Build a fetch `Request` signed with SigV4 exactly as an AWS SDK would sign it. */
export async function signedRequest(url: string, options: SignOptions = {}): Promise<Request> {
  const u = new URL(url);
  const body = typeof options.body === "string" ? new TextEncoder().encode(options.body) : options.body;
  const signer = new SignatureV4({
    credentials: options.credentials ?? TEST_KEYS,
    region: options.region ?? "us-east-1",
    service: "bedrock",
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign(
    {
      method: options.method ?? (body ? "POST" : "GET"),
      protocol: u.protocol,
      hostname: u.hostname,
      ...(u.port ? { port: Number(u.port) } : {}),
      path: u.pathname,
      query,
      headers: { host: u.host, ...(body ? { "content-type": "application/json" } : {}), ...options.headers },
      ...(body ? { body } : {}),
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const headers = new Headers();
  for (const [k, v] of Object.entries(signed.headers)) if (k !== "host") headers.set(k, String(v));
  const sent = options.tamperBody ?? body;
  return new Request(url, { method: signed.method, headers, ...(sent ? { body: sent as BodyInit } : {}) });
}

/** A Converse request body with one user message. */
export function converseBody(text: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ messages: [{ role: "user", content: [{ text }] }], ...extra });
}

export interface Frame {
  messageType: string;
  type: string;
  json: Record<string, unknown>;
  headers: EventStreamMessage["headers"];
}

async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Decode a response body into frames (throws the decoder's error on corrupt/truncated input). */
export async function readFrames(response: Response, into: Frame[] = []): Promise<Frame[]> {
  for await (const message of decodeEventStream(bodyChunks(response.body!))) {
    const h = message.headers;
    const str = (name: string) => {
      const v = h[name];
      return v && v.type === "string" ? v.value : "";
    };
    const messageType = str(":message-type");
    const text = new TextDecoder().decode(message.payload);
    into.push({
      messageType,
      type: messageType === "event" ? str(":event-type") : messageType === "exception" ? str(":exception-type") : str(":error-code"),
      json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      headers: h,
    });
  }
  return into;
}

/** The streamed text of a frame list. */
export function textOf(frames: Frame[]): string {
  return frames
    .filter((f) => f.type === "contentBlockDelta")
    .map((f) => ((f.json["delta"] as { text?: string }).text ?? ""))
    .join("");
}
