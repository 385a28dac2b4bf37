/**
 * Fault catalogue, "before the stream": failures that happen before the first event reaches the
 * caller. Retryable ones are retried (the emulator's `requests` record counts the attempts), the
 * rest fail at once with a typed error. Every row runs through undici and fetch.
 */
import dns from "node:dns";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ProxyAgent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import {
  AccessDeniedError,
  AuthenticationError,
  InternalServerError,
  NetworkError,
  ResourceNotFoundError,
  ServiceUnavailableError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
  type DebugEntry,
} from "@streambed/core";
import { deadEndpoint } from "../../src/credentials/loopback-servers.test-helper.js";
import { ask, clientFor, drain, faultModel, KEYS, runtimeCalls, textOf, TRANSPORTS } from "./harness.js";

let emulator: RunningEmulator;
/** Ids (header `x-fault-once`) already failed once by the script. */
const failedOnce = new Set<string>();

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [KEYS],
    // `x-fault-once: <id>:<fault>` fails the first call with that id, then answers normally.
    script: (info) => {
      const once = info.headers["x-fault-once"];
      if (!once) return undefined;
      const [id, fault] = once.split("|") as [string, string];
      if (failedOnce.has(id)) return undefined;
      failedOnce.add(id);
      return { fault };
    },
  });
});
afterAll(async () => {
  await emulator.close();
});

describe.each(TRANSPORTS)("before the stream (%s)", (transport) => {
  it.each([
    ["429", ThrottlingError, "ThrottlingException", 429],
    ["500", InternalServerError, "InternalServerException", 500],
    ["503", ServiceUnavailableError, "ServiceUnavailableException", 503],
  ] as const)("HTTP %s: retried with backoff (3 attempts), then ThrottlingError / InternalServerError / ServiceUnavailableError", async (fault, cls, code, status) => {
    const debug: DebugEntry[] = [];
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport, { debug: (e) => debug.push(e) });
    // Count this test's calls only: a call an earlier test abandoned can still be recorded late.
    const tag = `${transport}-${fault}-exhausted`;
    const model = faultModel(fault);
    const { events, error } = await drain(bedrock.stream(ask({ ...model, headers: { ...model.headers, "x-test-call": tag } })));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ code, status, retryable: true });
    expect((error as Error).message).toMatch(/request [0-9a-f-]{36}/);
    const calls = runtimeCalls(emulator, before).filter((r) => r.headers["x-test-call"] === tag);
    expect(calls.map((r) => r.status)).toEqual([status, status, status]);
    const retries = debug.filter((e) => e.event === "retry");
    expect(retries.map((e) => e.attempt)).toEqual([1, 2]);
    for (const r of retries) expect(r.delay).toBeLessThanOrEqual(5); // retry.maxDelayMs caps the backoff
    await bedrock.close();
  });

  it.each(["429", "500", "503", "reset"])("%s once, then success: the retry recovers the stream", async (fault) => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const model = { ...faultModel(undefined), headers: { "x-fault-once": `${transport}-${fault}|${fault}` } };
    const { events, error } = await drain(bedrock.stream(ask(model, "recover after one failure")));
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe("recover after one failure");
    expect(events.at(-1)?.type).toBe("done");
    expect(runtimeCalls(emulator, before).map((r) => r.status)).toEqual([fault === "reset" ? 0 : Number(fault), 200]); // a reset is recorded with status 0
    await bedrock.close();
  });

  it("retry: false makes one attempt", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport, { retry: false });
    const { error } = await drain(bedrock.stream(ask(faultModel("503"))));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it("403 bad signature (wrong secret): AuthenticationError InvalidSignatureException, not retried, secret not echoed", async () => {
    const before = emulator.requests.length;
    const wrong = { accessKeyId: KEYS.accessKeyId, secretAccessKey: "not/the/right/secret/0000000000000000000" };
    const bedrock = clientFor(emulator, transport, { credentials: wrong });
    const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "InvalidSignatureException", status: 403, retryable: false });
    expect((error as Error).message).toMatch(/secret key matches the key id|clock/i);
    expect(String(error)).not.toContain(wrong.secretAccessKey);
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it("403 unknown key id: AuthenticationError UnrecognizedClientException", async () => {
    const bedrock = clientFor(emulator, transport, { credentials: { accessKeyId: "AKIAUNKNOWNKEY000001", secretAccessKey: KEYS.secretAccessKey } });
    const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "UnrecognizedClientException", status: 403 });
    await bedrock.close();
  });

  it("403 access denied: AccessDeniedError with the IAM / model-access advice, not retried", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { error } = await drain(bedrock.stream(ask(faultModel("403"))));
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ code: "AccessDeniedException", status: 403, retryable: false });
    expect((error as Error).message).toContain("bedrock:InvokeModelWithResponseStream");
    expect((error as Error).message).toContain("Model access");
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it("400 validation (a profile-only model by its bare id): ValidationError naming the inference profile to use", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport);
    const { error } = await drain(bedrock.stream(ask("anthropic.claude-sonnet-4-5-20250929-v1:0")));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "ValidationException", status: 400, retryable: false });
    expect((error as ValidationError).serviceMessage).toMatch(/on-demand throughput isn.t supported/);
    expect((error as Error).message).toContain('"us.anthropic.claude-sonnet-4-5-20250929-v1:0"');
    expect(runtimeCalls(emulator, before)).toHaveLength(1);
    await bedrock.close();
  });

  it("unknown model: ValidationError 'model identifier is invalid' with the models-list hint", async () => {
    const bedrock = clientFor(emulator, transport);
    const { error } = await drain(bedrock.stream(ask("acme.no-such-model-v9:0")));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).serviceMessage).toMatch(/model identifier is invalid/);
    expect((error as Error).message).toContain("streambed models list");
    await bedrock.close();
  });

  it("404 ResourceNotFoundException: ResourceNotFoundError", async () => {
    const bedrock = clientFor(emulator, transport);
    const { error } = await drain(bedrock.stream(ask(faultModel("404"))));
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    expect(error).toMatchObject({ status: 404, retryable: false });
    await bedrock.close();
  });

  it("connection refused (a closed port): NetworkError ECONNREFUSED after the retries", async () => {
    const dead = await deadEndpoint();
    const debug: DebugEntry[] = [];
    const bedrock = clientFor({ url: dead }, transport, { debug: (e) => debug.push(e) });
    const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect((error as Error).message).toContain(dead);
    expect(debug.filter((e) => e.event === "request")).toHaveLength(3);
    await bedrock.close();
  });

  it("first-byte timeout (stall before the headers): TimeoutError first-byte, retried", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport, { timeouts: { firstByteMs: 100 }, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const { error } = await drain(bedrock.stream(ask(faultModel("stall-headers:30"))));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: "first-byte", timeoutMs: 100, retryable: true });
    await bedrock.close();
    expect(before).toBeLessThanOrEqual(emulator.requests.length);
  });
});

describe.each(TRANSPORTS)("DNS failure (%s)", (transport) => {
  // `.invalid` names never resolve (RFC 6761 §6.4). The machine's resolver would still forward the
  // query to its nameserver, so `dns.lookup` (what both undici and Node's fetch call) answers for
  // `.invalid` names here exactly as getaddrinfo does, and the query never leaves the process.
  it("an .invalid host: NetworkError ENOTFOUND naming the host", async () => {
    const original = dns.lookup;
    const looked: string[] = [];
    (dns as { lookup: unknown }).lookup = ((hostname: string, options: unknown, callback?: unknown) => {
      const cb = (typeof options === "function" ? options : callback) as (err: NodeJS.ErrnoException) => void;
      if (!hostname.endsWith(".invalid")) return (original as (...a: unknown[]) => unknown)(hostname, options, callback);
      looked.push(hostname);
      const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", syscall: "getaddrinfo", hostname, errno: -3008 });
      process.nextTick(() => cb(error));
    }) as typeof dns.lookup;
    try {
      const bedrock = clientFor({ url: "http://bedrock-runtime.streambed-fault.invalid" }, transport);
      const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message).toContain("ENOTFOUND");
      expect((error as Error).message).toContain("bedrock-runtime.streambed-fault.invalid");
      expect(looked.length).toBeGreaterThanOrEqual(1);
      await bedrock.close();
    } finally {
      (dns as { lookup: unknown }).lookup = original;
    }
  });
});

describe("TLS-less proxy refusal", () => {
  let proxy: http.Server;
  let proxyUrl = "";
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    proxy = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(407, { "proxy-authenticate": "Basic", "content-length": "0" }).end();
    });
    proxy.on("connection", (s: Socket) => sockets.add(s));
    proxy.on("connect", (req: http.IncomingMessage, client: Socket) => {
      seen.push(`CONNECT ${req.url}`);
      client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it.each(TRANSPORTS)("HTTPS_PROXY / HTTP_PROXY at a proxy that refuses the tunnel (%s): NetworkError, Bedrock never reached", async (transport) => {
    seen.length = 0;
    const before = emulator.requests.length;
    // The default transport reads the proxy variables; Node 20's fetch does not, so a fetch user
    // passes a fetch bound to a proxy dispatcher (the documented way), which must fail the same way.
    const extra =
      transport === "undici"
        ? { env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl } }
        : { fetch: ((input: string, init: object) => undiciFetch(input, { ...init, dispatcher: new ProxyAgent(proxyUrl) })) as unknown as typeof fetch };
    const bedrock = clientFor(emulator, transport, { ...extra, retry: false });
    const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/proxy|tunnel|403|407/i);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen[0]).toMatch(new RegExp(`^CONNECT 127\\.0\\.0\\.1:${emulator.port}$`));
    expect(runtimeCalls(emulator, before)).toHaveLength(0);
    await bedrock.close();
  });
});
