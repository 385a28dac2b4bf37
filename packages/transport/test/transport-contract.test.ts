/**
 * The behaviour every built-in transport promises, against a real loopback server: streaming without
 * buffering, statuses returned not thrown, early return frees the socket (abort does too:
 * transport-abort.test.ts), resets and refusals become NetworkError, no secret in any error.
 */
import { createBrotliCompress, createDeflate, createGzip, type BrotliCompress, type Gzip } from "node:zlib";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BedrockError, NetworkError, ResponseTooLargeError } from "../src/errors/index.js";
import { decodeEventStream } from "../src/event-stream/decode-event-stream.js";
import { bedrockModelPath, signRequest } from "../src/signing/index.js";
import { readBody, type HttpRequest, type Transport } from "../src/transport.js";
import { converseStreamFrames, eventFrame } from "./bedrock-frames.js";
import { builtinTransports, transportPerSuite } from "./builtin-transports.js";
import { closed, deferred, freePort, requestBody, startLoopback, streamOneFrameAndHold, type Loopback } from "./loopback-server.js";

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const SECRET = "ABSKsecret-bearer-token-value";
const requestBytes = new TextEncoder().encode('{"messages":[{"role":"user","content":[{"text":"héllo"}]}]}');

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

const post = (path = "/model/amazon.nova-lite-v1%3A0/converse-stream", signal?: AbortSignal): HttpRequest => ({
  method: "POST",
  url: `${server.url}${path}`,
  headers: { "content-type": "application/json", accept: "application/vnd.amazon.eventstream", authorization: `Bearer ${SECRET}` },
  body: requestBytes,
  ...(signal ? { signal } : {}),
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}


describe.each(builtinTransports)("%s transport", (_name, make) => {
  const made = transportPerSuite(make);
  let transport: Transport;
  beforeAll(() => {
    transport = made();
  });

  it("sends method, path, headers and body bytes unchanged", async () => {
    const seen = deferred<{ method?: string; url?: string; headers: Record<string, unknown>; body: Uint8Array }>();
    server.handle(async (req, res) => {
      seen.resolve({ method: req.method, url: req.url, headers: req.headers, body: await requestBody(req) });
      res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "req-1" });
      res.end("{}");
    });
    const response = await transport.send(post("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Aapplication-inference-profile%2Fabc/converse"));
    expect(text(await readBody(response.body))).toBe("{}");
    const req = await seen.promise;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Aapplication-inference-profile%2Fabc/converse");
    expect(req.headers).toMatchObject({ authorization: `Bearer ${SECRET}`, "content-type": "application/json", "content-length": String(requestBytes.byteLength) });
    expect(req.body).toEqual(requestBytes);
    expect(response.headers["x-amzn-requestid"]).toBe("req-1");
  });

  it("carries a SigV4-signed request so that the server-side signature check passes", async () => {
    const credentials = { accessKeyId: "AKIDEXAMPLE12345", secretAccessKey: "wire-secret", sessionToken: "wire-token" };
    const verdict = deferred<{ expected: string; received: string | undefined }>();
    server.handle(async (req, res) => {
      const body = await requestBody(req);
      // What the emulator does: re-sign exactly the received method, path, signed headers and body.
      const authorization = req.headers.authorization;
      const signedNames = /SignedHeaders=([^,]+)/.exec(authorization ?? "")?.[1]?.split(";") ?? [];
      const headers: Record<string, string> = {};
      for (const name of signedNames) headers[name] = String(req.headers[name]);
      const date = String(req.headers["x-amz-date"]).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z");
      const verifier = new SignatureV4({ service: "bedrock", region: "us-east-1", credentials, sha256: Sha256 });
      const again = await verifier.sign(
        { method: req.method!, protocol: "http:", hostname: "127.0.0.1", path: req.url!, query: {}, headers, body },
        { signingDate: new Date(date) },
      );
      verdict.resolve({ expected: again.headers.authorization!, received: authorization });
      res.writeHead(200);
      res.end();
    });
    const unsigned: HttpRequest = {
      method: "POST",
      url: `${server.url}${bedrockModelPath("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123", "converse-stream")}`,
      headers: { "content-type": "application/json", accept: "application/vnd.amazon.eventstream" },
      body: requestBytes,
    };
    const response = await transport.send(await signRequest(unsigned, { credentials, region: "us-east-1" }));
    await readBody(response.body);
    const { expected, received } = await verdict.promise;
    expect(received).toMatch(/SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
    expect(received).toBe(expected);
  });

  it("delivers the first frame before the server ends the response", async () => {
    const firstSeen = deferred();
    let ended = false;
    const frames = converseStreamFrames("streamed");
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      res.write(frames[0]);
      await firstSeen.promise; // the rest waits until the client has decoded frame 1
      for (const frame of frames.slice(1)) res.write(frame);
      ended = true;
      res.end();
    });
    const response = await transport.send(post());
    expect(response.status).toBe(200);
    const types: string[] = [];
    for await (const message of decodeEventStream(response.body)) {
      types.push(String(message.headers[":event-type"]?.value));
      if (types.length === 1) {
        expect(ended).toBe(false);
        firstSeen.resolve();
      }
    }
    expect(types).toEqual(["messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]);
    expect(ended).toBe(true);
  });

  it("returns error statuses with their body instead of throwing", async () => {
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(429, { "content-type": "application/json", "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/" });
      res.end('{"message":"Too many requests"}');
    });
    const response = await transport.send(post());
    expect(response.status).toBe(429);
    expect(response.headers["x-amzn-errortype"]).toMatch(/^ThrottlingException/);
    expect(text(await readBody(response.body))).toBe('{"message":"Too many requests"}');
  });

  it("reuses the kept-alive connection for sequential requests", async () => {
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await readBody((await transport.send(post())).body); // warm: may open a connection
    const before = server.connections.length;
    for (let i = 0; i < 3; i++) await readBody((await transport.send(post())).body);
    expect(server.connections.length).toBe(before);
  });

  it("breaking out of the body loop closes the socket and frees the connection for the next call", async () => {
    const socketGone = streamOneFrameAndHold(server);
    const response = await transport.send(post());
    for await (const message of decodeEventStream(response.body)) {
      expect(message.headers[":event-type"]?.value).toBe("messageStart");
      break;
    }
    await (await socketGone).gone;
    // With a pool of one connection (undici), a leaked slot would make this call hang.
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200);
      res.end("ok");
    });
    expect(text(await readBody((await transport.send(post())).body))).toBe("ok");
  });

  it("a connection reset mid-body becomes NetworkError from the body", async () => {
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      const frame = eventFrame("messageStart", { role: "assistant" });
      res.write(frame.subarray(0, 20), () => req.socket.resetAndDestroy());
    });
    const response = await transport.send(post());
    const error = await rejection(readBody(response.body));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).retryable).toBe(true);
    expect(`${error.message} ${error.stack}`).not.toContain(SECRET);
  });

  it("a connection reset before the headers becomes NetworkError from send()", async () => {
    server.handle(async (req) => {
      await requestBody(req);
      req.socket.resetAndDestroy();
    });
    const error = await rejection(transport.send(post()));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain(server.url);
    expect(`${error.message} ${error.stack}`).not.toContain(SECRET);
  });

  it("a refused connection becomes NetworkError", async () => {
    const port = await freePort();
    const error = await rejection(transport.send({ ...post(), url: `http://127.0.0.1:${port}/model/x/converse` }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(`${error.message} ${error.stack}`).not.toContain(SECRET);
  });

  it.each([
    ["gzip", [() => createGzip()]],
    ["x-gzip", [() => createGzip()]],
    ["deflate", [() => createDeflate()]],
    ["br", [() => createBrotliCompress()]],
    ["gzip, br", [() => createGzip(), () => createBrotliCompress()]],
  ] as const)("content-encoding %s: the body is decompressed as it streams (the first frame arrives while the server holds the rest)", async (encoding, compressors) => {
    const frames = converseStreamFrames("compressed");
    const firstArrived = deferred();
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "content-encoding": encoding });
      // Coding order as listed: the first one is applied first, so the last one is outermost.
      const stages: Array<Gzip | BrotliCompress> = compressors.map((make) => make());
      for (let i = 0; i < stages.length - 1; i++) stages[i]!.pipe(stages[i + 1]!);
      stages[stages.length - 1]!.pipe(res);
      const flush = async () => {
        for (const stage of stages) await new Promise<void>((resolve) => stage.flush(() => resolve()));
      };
      stages[0]!.write(frames[0]!);
      await flush();
      await firstArrived.promise; // the client decoded frame 1 from a body that has not ended
      for (const frame of frames.slice(1)) stages[0]!.write(frame);
      stages[0]!.end();
    });
    const response = await transport.send(post());
    expect(response.headers["content-encoding"]).toBe(encoding);
    const types: string[] = [];
    for await (const message of decodeEventStream(response.body)) {
      types.push(String(message.headers[":event-type"]?.value));
      if (types.length === 1) firstArrived.resolve();
    }
    expect(types).toEqual(["messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]);
  });

  it("readBody past its limit: ResponseTooLargeError with the limit, and the server sees the socket close", async () => {
    const arrived = deferred<{ gone: Promise<void> }>();
    server.handle(async (req, res) => {
      await requestBody(req);
      arrived.resolve({ gone: closed(req.socket) });
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump(); // never ends: only the client's limit stops it
    });
    const response = await transport.send(post());
    const error = await rejection(readBody(response.body, 1024 * 1024, "Raise it."));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(BedrockError);
    expect(error).toMatchObject({ code: "ResponseTooLarge", limit: 1024 * 1024, retryable: false });
    expect(error.message).toBe("The response body is larger than 1048576 bytes (1 MiB); reading stopped there and the connection was closed. Raise it.");
    await (await arrived.promise).gone;
  });

  it("an unknown content-encoding is passed through as sent, as fetch does", async () => {
    server.handle(async (req, res) => {
      await requestBody(req);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "x-streambed-unknown" });
      res.end("{}");
    });
    expect(text(await readBody((await transport.send(post())).body))).toBe("{}");
  });

  it("a header value the client refuses becomes InvalidRequest naming the header, never its value", async () => {
    const bad = { ...post(), headers: { authorization: `Bearer ${SECRET}\r\nx-injected: 1` } };
    const error = await rejection(transport.send(bad));
    expect(error).toBeInstanceOf(BedrockError);
    expect((error as BedrockError).code).toBe("InvalidRequest");
    expect(error.message).toContain("authorization");
    expect(`${error.message} ${error.stack}`).not.toContain(SECRET);
  });
});
