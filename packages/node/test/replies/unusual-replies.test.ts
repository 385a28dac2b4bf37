/**
 * Issue 16, items 8–10, on the wire: stop reasons (refusal, unknown → other, raw kept), a stream
 * without its metadata event (usage unknown), and 2xx replies that are not Bedrock's (a Coral
 * body, another content type) — over the loopback emulator and a loopback server, both transports.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createBedrockHandlers, startEmulator, type RunningEmulator } from "@streambed/emulator";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { UnexpectedContentTypeError, UnknownOperationError, type StreamEvent } from "@streambed/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, clientFor, drain, KEYS, TRANSPORTS } from "../faults/harness.js";
import { CORAL_UNKNOWN_OPERATION_CONVERSE_BODY, CORAL_UNKNOWN_OPERATION_STREAM_BODY, NOVA_LITE_EVENTS } from "./recorded.js";

const NOVA_LITE = "us.amazon.nova-lite-v1:0";
let emulator: RunningEmulator;
let wire: Server;
let wireUrl: string;

/** What the loopback wire server answers: the recorded Coral body for a `coral.` model, else a proxy's HTML page. */
function wireReply(path: string, res: import("node:http").ServerResponse): void {
  if (path.includes("coral")) {
    res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "req-coral" });
    res.end(path.endsWith("/converse") ? CORAL_UNKNOWN_OPERATION_CONVERSE_BODY : CORAL_UNKNOWN_OPERATION_STREAM_BODY);
    return;
  }
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end("<html><body><h1>Proxy login</h1><p>Sign in to continue.</p></body></html>");
}

/** The recorded stream's replies by prompt, for the loopback emulator and the MSW handlers alike. */
function script(request: { lastUserText: string }) {
  const text = request.lastUserText;
  if (text.startsWith("refuse")) return { events: NOVA_LITE_EVENTS.map((e) => ("messageStop" in e ? { messageStop: { stopReason: "refusal" } } : e)) };
  if (text.startsWith("future")) return { events: NOVA_LITE_EVENTS.map((e) => ("messageStop" in e ? { messageStop: { stopReason: "pause_turn" } } : e)) };
  if (text.startsWith("no metadata")) return { events: NOVA_LITE_EVENTS.filter((e) => !("metadata" in e)) };
  if (text.startsWith("recorded")) return { events: NOVA_LITE_EVENTS };
  return undefined;
}

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [KEYS], script });
  wire = createServer((req, res) => {
    req.resume();
    req.on("end", () => wireReply(decodeURIComponent(req.url ?? ""), res));
  });
  await new Promise<void>((resolve) => wire.listen(0, "127.0.0.1", resolve));
  wireUrl = `http://127.0.0.1:${(wire.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emulator?.close();
  await new Promise<void>((resolve) => (wire ? wire.close(() => resolve()) : resolve()));
});

function done(events: StreamEvent[]): Extract<StreamEvent, { type: "done" }> {
  const last = events.at(-1);
  if (last?.type !== "done") throw new Error(`last event is ${last?.type}`);
  return last;
}

describe.each(TRANSPORTS)("unusual replies (%s)", (transport) => {
  it("the recorded stream: stop, raw end_turn, usage priced", async () => {
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(NOVA_LITE, "recorded please")));
    expect(error).toBeUndefined();
    expect(done(events)).toMatchObject({ reason: "stop", rawReason: "end_turn", message: { usage: { input: 5, output: 89, totalTokens: 94 } } });
    await bedrock.close();
  });

  it("a refusal is 'refusal' with the raw value and an errorMessage; streamRaw passes every event through unchanged", async () => {
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(NOVA_LITE, "refuse please")));
    expect(error).toBeUndefined();
    const end = done(events);
    expect(end).toMatchObject({ reason: "refusal", rawReason: "refusal", message: { stopReason: "refusal", rawStopReason: "refusal" } });
    expect(end.message.errorMessage).toMatch(/declined to answer/);
    const raw: Record<string, unknown>[] = [];
    for await (const e of bedrock.streamRaw(ask(NOVA_LITE, "refuse please"))) raw.push(e);
    // The emulator pads every payload with Bedrock's `p` field, as Bedrock does: passed through too.
    const withoutPadding = raw.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, Object.fromEntries(Object.entries(v as object).filter(([f]) => f !== "p"))])));
    expect(withoutPadding).toEqual(NOVA_LITE_EVENTS.map((e) => ("messageStop" in e ? { messageStop: { stopReason: "refusal" } } : e)));
    expect(raw.every((e) => typeof (Object.values(e)[0] as { p?: unknown }).p === "string")).toBe(true);
    await bedrock.close();
  });

  it("an unknown stop reason is 'other' with the raw string, not 'stop'", async () => {
    const bedrock = clientFor(emulator, transport);
    const end = done((await drain(bedrock.stream(ask(NOVA_LITE, "future please")))).events);
    expect(end).toMatchObject({ reason: "other", rawReason: "pause_turn" });
    await bedrock.close();
  });

  it("a stream without its metadata event ends with usage unknown, not zeros", async () => {
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(NOVA_LITE, "no metadata please")));
    expect(error).toBeUndefined();
    expect(events.some((e) => e.type === "usage")).toBe(false);
    expect(done(events).message.usage).toEqual({ known: false });
    await bedrock.close();
  });

  it("a 200 Coral UnknownOperationException body is an UnknownOperationError naming the operation (stream and complete)", async () => {
    const bedrock = clientFor({ url: wireUrl }, transport, { retry: { maxAttempts: 1 } });
    const { events, error } = await drain(bedrock.stream(ask("coral.model-v1:0")));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(UnknownOperationError);
    expect(error).toMatchObject({ operation: "ConverseStream", status: 200, requestId: "req-coral", retryable: false });
    expect((error as Error).message).not.toMatch(/checksum|prelude/i);
    const converse = await bedrock.complete(ask("coral.model-v1:0")).catch((e: unknown) => e);
    expect(converse).toBeInstanceOf(UnknownOperationError);
    expect(converse).toMatchObject({ operation: "Converse", status: 200 });
    await bedrock.close();
  });

  it("a 200 stream reply of another content type is an UnexpectedContentTypeError that says so (stream and streamRaw)", async () => {
    const bedrock = clientFor({ url: wireUrl }, transport, { retry: { maxAttempts: 1 } });
    const { error } = await drain(bedrock.stream(ask("html.model-v1:0")));
    expect(error).toBeInstanceOf(UnexpectedContentTypeError);
    expect((error as Error).message).toContain("content-type text/html; charset=utf-8, not application/vnd.amazon.eventstream");
    expect((error as Error).message).toContain("Proxy login");
    const raw = await (async () => {
      for await (const _ of bedrock.streamRaw(ask("html.model-v1:0"))) void _;
    })().catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(UnexpectedContentTypeError);
    await bedrock.close();
  });
});

describe("unusual replies over MSW (the emulator's handlers, fetch)", () => {
  const server = setupServer(
    http.post("http://127.0.0.1:9/model/:model/:operation", ({ params }) =>
      String(params["model"]).startsWith("coral.")
        ? new HttpResponse(params["operation"] === "converse" ? CORAL_UNKNOWN_OPERATION_CONVERSE_BODY : CORAL_UNKNOWN_OPERATION_STREAM_BODY, { status: 200, headers: { "content-type": "application/json" } })
        : undefined,
    ),
    ...createBedrockHandlers({ credentials: [KEYS], script }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  // Loopback: MSW answers before any socket opens; a miss would hit a closed local port.
  const endpoint = { url: "http://127.0.0.1:9" };

  it("refusal, unknown stop reason, no metadata, Coral 200", async () => {
    const bedrock = clientFor(endpoint, "fetch", { retry: { maxAttempts: 1 } });
    expect(done((await drain(bedrock.stream(ask(NOVA_LITE, "refuse please")))).events)).toMatchObject({ reason: "refusal", rawReason: "refusal" });
    expect(done((await drain(bedrock.stream(ask(NOVA_LITE, "future please")))).events)).toMatchObject({ reason: "other", rawReason: "pause_turn" });
    expect(done((await drain(bedrock.stream(ask(NOVA_LITE, "no metadata please")))).events).message.usage).toEqual({ known: false });
    expect((await drain(bedrock.stream(ask("coral.model-v1:0")))).error).toBeInstanceOf(UnknownOperationError);
    expect(await bedrock.complete(ask("coral.model-v1:0")).catch((e: unknown) => e)).toMatchObject({ name: "UnknownOperationError", operation: "Converse" });
    await bedrock.close();
  });
});
