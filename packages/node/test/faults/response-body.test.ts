/**
 * Fault catalogue, "the response body": a reply too large to read, a body cut before its first
 * frame, and compressed bodies (`content-encoding`). Every row runs through undici and fetch and
 * must end the same way on both.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { BedrockError, EventStreamDecodeError, ResponseTooLargeError, type Model } from "@streambed/core";
import { ask, clientFor, drain, eventFrame, faultModel, KEYS, runtimeCalls, textOf, TRANSPORTS } from "./harness.js";

/** A whole ConverseStream body saying `text`. */
function streamBody(text: string): Buffer {
  return Buffer.concat([
    eventFrame("messageStart", { role: "assistant" }),
    eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }),
    eventFrame("contentBlockStop", { contentBlockIndex: 0 }),
    eventFrame("messageStop", { stopReason: "end_turn" }),
    eventFrame("metadata", { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 1 } }),
  ]);
}

const converseReply = (text: string) =>
  JSON.stringify({
    output: { message: { role: "assistant", content: [{ text }] } },
    stopReason: "end_turn",
    usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    metrics: { latencyMs: 1 },
  });

/** A model whose calls carry `x-case` (read by the emulator's script and the loopback server). */
function caseModel(name: string): Model {
  return { ...faultModel(undefined), headers: { "x-case": name } };
}

/** What a plain loopback "Bedrock" does per request, chosen by the `x-case` header. */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let emulator: RunningEmulator;
let loopback: { url: string; requests: number; server: http.Server };
/** `x-case` ids the emulator's script already cut once. */
const cutOnce = new Set<string>();

const HANDLERS: Record<string, Handler> = {
  /** 65 MiB of JSON-looking bytes, never fully read by the client. */
  flood: (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 65 && !res.destroyed) {
        sent++;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  },
};
for (const [coding, compress] of [
  ["gzip", gzipSync],
  ["deflate", deflateSync],
  ["br", brotliCompressSync],
] as const) {
  HANDLERS[`stream-${coding}`] = (_req, res) => {
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "content-encoding": coding });
    res.end(compress(streamBody(`a ${coding} stream`)));
  };
  HANDLERS[`converse-${coding}`] = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": coding });
    res.end(compress(converseReply(`a ${coding} reply`)));
  };
}

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [KEYS],
    script: (info) => {
      const name = info.headers["x-case"];
      if (name === "big-reply") return { text: "x".repeat(2 * 1024 * 1024) };
      // Half of the first frame, then the body ends: nothing reached the caller.
      if (name?.startsWith("cut-before-first")) {
        if (name.endsWith("-once") && cutOnce.has(name)) return undefined;
        cutOnce.add(name);
        return { frames: [eventFrame("messageStart", { role: "assistant" }).subarray(0, 7)] };
      }
      return undefined;
    },
  });
  const server = http.createServer((req, res) => {
    loopback.requests++;
    req.resume();
    req.on("end", () => HANDLERS[String(req.headers["x-case"])]!(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  loopback = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: 0, server };
});
afterAll(async () => {
  await emulator.close();
  loopback.server.closeAllConnections();
  await new Promise<void>((resolve) => loopback.server.close(() => resolve()));
});

describe.each(TRANSPORTS)("the response body (%s)", (transport) => {
  it("a Converse reply over the 64 MiB default: ResponseTooLargeError with the limit and the option, not retried, not a RangeError", async () => {
    const before = loopback.requests;
    const bedrock = clientFor(loopback, transport);
    const error = await bedrock.complete(ask(caseModel("flood"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(BedrockError);
    expect(error).toMatchObject({ code: "ResponseTooLarge", limit: 64 * 1024 * 1024, retryable: false });
    expect((error as Error).message).toContain("67108864 bytes (64 MiB)");
    expect((error as Error).message).toContain("createBedrock({ maxResponseBytes })");
    expect(loopback.requests - before).toBe(1);
    await bedrock.close();
  });

  it("maxResponseBytes: a 2 MiB reply fails at 1 MiB and is read whole at 4 MiB", async () => {
    const small = clientFor(emulator, transport, { maxResponseBytes: 1024 * 1024 });
    const error = await small.complete(ask(caseModel("big-reply"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limit: 1024 * 1024 });
    expect((error as Error).message).toContain("(now 1048576)");
    await small.close();
    const large = clientFor(emulator, transport, { maxResponseBytes: 4 * 1024 * 1024 });
    const message = await large.complete(ask(caseModel("big-reply")));
    expect(message.content).toEqual([{ type: "text", text: "x".repeat(2 * 1024 * 1024) }]);
    await large.close();
  });

  it("a body cut inside its first frame: retried like an empty body (3 attempts), then a retryable truncated error", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(caseModel(`cut-before-first-${transport}`))));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(EventStreamDecodeError);
    expect(error).toMatchObject({ reason: "truncated", retryable: true });
    expect(runtimeCalls(emulator, before)).toHaveLength(3);
    await bedrock.close();
  });

  it("a body cut inside its first frame once: the retry recovers the stream", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { events, error } = await drain(bedrock.stream(ask(caseModel(`cut-before-first-${transport}-once`), "hello there")));
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe("hello there");
    expect(runtimeCalls(emulator, before)).toHaveLength(2);
    await bedrock.close();
  });

  it.each(["gzip", "deflate", "br"])("content-encoding %s: the stream and the Converse reply are decompressed, same events as uncompressed", async (coding) => {
    const bedrock = clientFor(loopback, transport);
    const { events, error } = await drain(bedrock.stream(ask(caseModel(`stream-${coding}`))));
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe(`a ${coding} stream`);
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "stop" });
    const message = await bedrock.complete(ask(caseModel(`converse-${coding}`)));
    expect(message.content).toEqual([{ type: "text", text: `a ${coding} reply` }]);
    await bedrock.close();
  });
});
