import { describe, expect, it } from "vitest";
import { AbortError, EventStreamDecodeError, TimeoutError, NetworkError } from "@streambed/transport";
import { createCredentialChain, explicitCredentialSource } from "../credentials/index.js";
import { CredentialsError, InvalidRequestError, StreamAbandonedError, ThrottlingError, ValidationError } from "../errors/index.js";
import { exceptionFrame, textResponse } from "../stream/fixtures/converse-stream-frames.js";
import { knownModelLimits } from "../discovery/known-model-limits.js";
import { createClient } from "./create-client.js";
import { KEYS, MODEL, textReply, ok, httpError, scriptedTransport, client, collect } from "./create-client.test-helper.js";

describe("createClient().stream", () => {
  it("sends a signed POST to /model/{id}/converse-stream and yields normalised events ending in done", async () => {
    const t = scriptedTransport([() => ok(textReply("hello"))]);
    const events = await collect(client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    expect(t.requests).toHaveLength(1);
    const req = t.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("http://127.0.0.1:1/model/us.anthropic.claude-sonnet-4-6-v1%3A0/converse-stream");
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE1234\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(req.headers["x-amz-security-token"]).toBe(KEYS.sessionToken);
    expect(JSON.parse(new TextDecoder().decode(req.body))).toMatchObject({ messages: [{ role: "user", content: [{ text: "hi" }] }] });
    expect(events.map((e) => e.type)).toContain("text_delta");
    const done = events.at(-1)!;
    expect(done.type).toBe("done");
    if (done.type === "done") {
      expect(done.reason).toBe("stop");
      expect(done.message.content).toEqual([{ type: "text", text: "hello" }]);
      expect(done.message.usage?.input).toBe(5);
    }
  });

  it("retries throttling before the first event, then succeeds", async () => {
    const t = scriptedTransport([
      () => httpError(429, "ThrottlingException", "Too many requests"),
      () => httpError(503, "ServiceUnavailableException", "busy"),
      () => ok(textReply("ok")),
    ]);
    const events = await collect(client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    expect(t.requests).toHaveLength(3);
    expect(events.at(-1)?.type).toBe("done");
  });

  it("gives up after maxAttempts with the typed error", async () => {
    const t = scriptedTransport([() => httpError(429, "ThrottlingException", "Too many requests")]);
    await expect(collect(client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }))).rejects.toBeInstanceOf(ThrottlingError);
    expect(t.requests).toHaveLength(3);
  });

  it("retries a throttling exception frame that arrives before any event", async () => {
    const t = scriptedTransport([() => ok([exceptionFrame("throttlingException", { message: "slow down" })]), () => ok(textReply("ok"))]);
    const events = await collect(client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    expect(t.requests).toHaveLength(2);
    expect(events.at(-1)?.type).toBe("done");
  });

  it("never retries once an event reached the caller: a mid-stream failure is thrown", async () => {
    const reply = textReply("partial");
    const t = scriptedTransport([() => ok(reply.slice(0, 2), new NetworkError("socket reset")), () => ok(textReply("again"))]);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const ev of client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] })) seen.push(ev.type);
      })(),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(t.requests).toHaveLength(1);
    expect(seen).toContain("text_delta");
  });

  it("does not retry validation errors", async () => {
    const t = scriptedTransport([() => httpError(400, "ValidationException", "The provided model identifier is invalid.")]);
    await expect(collect(client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }))).rejects.toBeInstanceOf(ValidationError);
    expect(t.requests).toHaveLength(1);
  });

  it("refreshes credentials once on an expired-token 403 and retries", async () => {
    let loads = 0;
    const chain = createCredentialChain([
      { label: "test", load: async () => ({ ...KEYS, accessKeyId: `AKIDLOAD${++loads}` }) },
    ]);
    const t = scriptedTransport([
      () => httpError(403, "ExpiredTokenException", "The security token included in the request is expired"),
      () => ok(textReply("fresh")),
    ]);
    const events = await collect(client(t, { credentials: chain }).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    expect(events.at(-1)?.type).toBe("done");
    expect(t.requests[0]!.headers.authorization).toContain("AKIDLOAD1");
    expect(t.requests[1]!.headers.authorization).toContain("AKIDLOAD2");
  });

  it("throws InvalidRequestError for bad input before any network call", async () => {
    const t = scriptedTransport([() => ok(textReply("x"))]);
    await expect(
      collect(client(t).stream({ model: MODEL, messages: [{ role: "user", content: [{ type: "video" } as never] }] })),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(t.requests).toHaveLength(0);
  });

  it("yields every good frame before a corrupt one, then throws the decode error", async () => {
    const reply = textReply("good");
    const corrupt = reply[2]!.slice();
    corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 0xff;
    const t = scriptedTransport([() => ok([reply[0]!, reply[1]!, corrupt])]);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const ev of client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] })) seen.push(ev.type);
      })(),
    ).rejects.toBeInstanceOf(EventStreamDecodeError);
    expect(seen).toContain("text_delta");
  });

  it("an idle stall ends with a TimeoutError and the transport sees the abort", async () => {
    let aborted = false;
    const t = scriptedTransport([
      (req) => ({
        status: 200,
        headers: {},
        body: (async function* () {
          yield textReply("x")[0]!;
          await new Promise<void>((_, reject) =>
            req.signal!.addEventListener("abort", () => {
              aborted = true;
              reject(new AbortError());
            }),
          );
        })(),
      }),
    ]);
    const c = client(t, { timeouts: { idleMs: 50 }, retry: false });
    await expect(collect(c.stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }))).rejects.toBeInstanceOf(TimeoutError);
    expect(aborted).toBe(true);
  });

  it("a consumer that holds each event longer than idleMs (a tool running mid-stream) is not an idle stall", async () => {
    // A body that honours the abort signal as undici's does: an idle abort would end it.
    const t = scriptedTransport([
      (req) => ({
        ...ok([]),
        body: (async function* () {
          for (const chunk of textResponse(["a", "b", "c"])) {
            if (req.signal!.aborted) throw new AbortError();
            yield chunk;
          }
        })(),
      }),
    ]);
    const c = client(t, { timeouts: { idleMs: 30 }, retry: false });
    let text = "";
    for await (const ev of c.stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] })) {
      if (ev.type !== "text_delta") continue;
      text += ev.delta;
      await new Promise((resolve) => setTimeout(resolve, 100)); // > idleMs, while the body is not being read
    }
    expect(text).toBe("abc");
  });

  it("the caller's abort ends the stream with AbortError and is not retried", async () => {
    const controller = new AbortController();
    const t = scriptedTransport([
      (req) => ({
        status: 200,
        headers: {},
        body: (async function* () {
          yield textReply("x")[0]!;
          yield textReply("x")[1]!;
          await new Promise<void>((_, reject) => {
            if (req.signal!.aborted) return reject(new AbortError());
            req.signal!.addEventListener("abort", () => reject(new AbortError()));
          });
        })(),
      }),
    ]);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const ev of client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }], signal: controller.signal })) {
          seen.push(ev.type);
          if (ev.type === "text_delta") controller.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(AbortError);
    expect(t.requests).toHaveLength(1);
  });

  it("an already-aborted signal: AbortError, no credentials asked and nothing sent", async () => {
    const t = scriptedTransport([() => ok(textReply("x"))]);
    let asked = 0;
    const credentials = createCredentialChain([explicitCredentialSource(async () => (asked++, KEYS))]);
    const controller = new AbortController();
    controller.abort();
    await expect(collect(client(t, { credentials }).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }], signal: controller.signal }))).rejects.toBeInstanceOf(AbortError);
    expect(t.requests).toHaveLength(0);
    expect(asked).toBe(0);
  });

  it("a credential source that never answers: totalMs ends the call with TimeoutError total, the CredentialsError as cause; nothing sent", async () => {
    const t = scriptedTransport([() => ok(textReply("x"))]);
    let sourceSignal: AbortSignal | undefined;
    const credentials = createCredentialChain([
      { label: "profile: slowrole", load: (o) => ((sourceSignal = o?.signal), new Promise<never>(() => undefined)) },
    ]);
    const error = await collect(client(t, { credentials, timeouts: { totalMs: 50 } }).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: "total", timeoutMs: 50, retryable: false });
    expect((error as Error).message).toContain("getting credentials from profile: slowrole");
    expect((error as Error).cause).toBeInstanceOf(CredentialsError);
    expect((error as Error).cause).toMatchObject({ source: "profile: slowrole" });
    expect(sourceSignal?.aborted).toBe(true); // the source was told to stop
    expect(t.requests).toHaveLength(0);
  });

  it("a credential source that never answers: the caller's abort ends the call with AbortError, the CredentialsError as cause", async () => {
    const t = scriptedTransport([() => ok(textReply("x"))]);
    const controller = new AbortController();
    const credentials = createCredentialChain([
      { label: "profile: sleepy", load: () => (setTimeout(() => controller.abort(), 1), new Promise<never>(() => undefined)) },
    ]);
    const error = await collect(client(t, { credentials }).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }], signal: controller.signal })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).cause).toMatchObject({ name: "CredentialsError", source: "profile: sleepy" });
    expect(t.requests).toHaveLength(0);
  });

  it("a credential failure is never retried, even a retryable one: the chain runs once per call", async () => {
    const t = scriptedTransport([() => ok(textReply("x"))]);
    let loads = 0;
    const credentials = createCredentialChain([
      {
        label: "instance role (IMDS)",
        load: async () => {
          loads++;
          throw new NetworkError("metadata service reset the connection");
        },
      },
    ]);
    await expect(collect(client(t, { credentials }).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }))).rejects.toBeInstanceOf(NetworkError);
    expect(loads).toBe(1);
    expect(t.requests).toHaveLength(0);
  });

  it("retries reuse the call's credentials: the first-byte clock starts at send, after a slow credential load", async () => {
    let loads = 0;
    // Credentials that take longer than firstByteMs and expire inside the refresh window (so the
    // chain would load them again on every get()).
    const credentials = createCredentialChain([
      {
        label: "profile: slow",
        load: async () => {
          loads++;
          await new Promise((resolve) => setTimeout(resolve, 60));
          return { ...KEYS, expiration: new Date(Date.now() + 60_000) };
        },
      },
    ]);
    const t = scriptedTransport([() => httpError(503, "ServiceUnavailableException", "busy"), () => ok(textReply("after a retry"))]);
    const events = await collect(client(t, { credentials, timeouts: { firstByteMs: 30 } }).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    expect(events.at(-1)?.type).toBe("done");
    expect(t.requests).toHaveLength(2);
    expect(loads).toBe(1);
  });

  it.each(["stream", "streamRaw"] as const)("%s: a caller that stops pulling: after timeouts.pullMs the call is closed (the transport sees the abort) and the next pull throws StreamAbandonedError", async (method) => {
    let aborted = false;
    const t = scriptedTransport([
      (req) => {
        // Like a real transport: the abort closes the connection whether or not the body is being read.
        const closed = new Promise<never>((_, reject) =>
          req.signal!.addEventListener("abort", () => {
            aborted = true;
            reject(new AbortError());
          }),
        );
        closed.catch(() => undefined);
        return {
          status: 200,
          headers: {},
          body: (async function* () {
            const [first, second] = textReply("x");
            yield first!;
            yield second!;
            await closed;
          })(),
        };
      },
    ]);
    const stream: AsyncGenerator<unknown> = client(t, { timeouts: { pullMs: 40 }, retry: false })[method]({ model: MODEL, messages: [{ role: "user", content: "hi" }] });
    expect((await stream.next()).done).toBe(false);
    await new Promise<void>((resolve) => {
      const check = () => (aborted ? resolve() : setTimeout(check, 5));
      check();
    });
    const error = await stream.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamAbandonedError);
    expect(error).toMatchObject({ pullMs: 40 });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("signs an ARN's region and sends it to that region's endpoint", async () => {
    const t = scriptedTransport([() => ok(textReply("x"))]);
    const arn = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123";
    await collect(client(t, { endpoint: undefined }).stream({ model: arn, messages: [{ role: "user", content: "hi" }] }));
    const req = t.requests[0]!;
    expect(req.url).toBe(
      "https://bedrock-runtime.eu-west-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aeu-west-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse-stream",
    );
    expect(req.headers.authorization).toContain("/eu-west-1/bedrock/aws4_request");
  });

  it("bearer credentials send Authorization: Bearer and no SigV4 headers", async () => {
    const t = scriptedTransport([() => ok(textReply("x"))]);
    const c = client(t, { credentials: createCredentialChain([explicitCredentialSource({ bearerToken: "bedrock-api-key-EXAMPLE" })]) });
    await collect(c.stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    expect(t.requests[0]!.headers.authorization).toBe("Bearer bedrock-api-key-EXAMPLE");
    expect(t.requests[0]!.headers["x-amz-date"]).toBeUndefined();
  });
});

describe("createClient().stream and the known-model table", () => {
  const bodyOf = (t: { requests: { body?: unknown }[] }) => JSON.parse(new TextDecoder().decode(t.requests.at(-1)!.body as Uint8Array)) as Record<string, any>;
  const image = { type: "image" as const, data: "iVBORw0KGgo=", mimeType: "image/png" };

  it("without knownModels or discovery: a reasoning level is sent in the family's form, an image is passed on, no maxTokens of streambed's own, cost 0", async () => {
    const t = scriptedTransport([() => ok(textReply("ok"))]);
    const bare = client(t, { discovery: undefined });
    const events = await collect(bare.stream({ model: MODEL, reasoning: "high", messages: [{ role: "user", content: [{ type: "text", text: "hi" }, image] }] }));
    const body = bodyOf(t);
    expect(body.additionalModelRequestFields).toMatchObject({ thinking: { type: "adaptive" }, output_config: { effort: "high" } });
    expect(body.messages[0].content[1]).toMatchObject({ image: { format: "png" } });
    expect(body.inferenceConfig?.maxTokens).toBeUndefined();
    const done = events.at(-1)!;
    expect(done.type === "done" && done.message.usage?.cost?.total).toBe(0);
  });

  it("with knownModels (or discovery, which brings the table): the table's limits, as the Node client", async () => {
    const t = scriptedTransport([() => ok(textReply("ok"))]);
    const known = client(t, { discovery: undefined, knownModels: knownModelLimits });
    // Nova Micro takes text only: the table says so, and the image is refused before anything is sent.
    await expect(collect(known.stream({ model: "amazon.nova-micro-v1:0", messages: [{ role: "user", content: [image] }] }))).rejects.toBeInstanceOf(InvalidRequestError);
    expect(t.requests).toHaveLength(0);
    const events = await collect(client(t).stream({ model: MODEL, messages: [{ role: "user", content: "hi" }] }));
    const done = events.at(-1)!;
    expect(done.type === "done" && done.message.usage?.cost?.total).toBeGreaterThan(0);
  });
});
