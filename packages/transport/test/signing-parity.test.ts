/**
 * Signing parity with the official SDK: the same request, credentials and fixed clock must give
 * byte-identical `authorization`, `x-amz-date`, `x-amz-security-token` and `x-amz-content-sha256`
 * to what `@aws-sdk/client-bedrock-runtime` puts on the wire of a loopback server, over HTTP/1.1
 * (signs `host`, what streambed's transports speak) and over the SDK's default HTTP/2 (signs
 * `:authority`).
 */
import { createHash } from "node:crypto";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bedrockModelPath, signRequest } from "../src/signing/index.js";
import { converseReply, converseStreamFrames } from "./bedrock-frames.js";

// The SDK's HTTP/1.1 handler is a dependency of the SDK, not of this package: resolve it from there.
const sdkRequire = createRequire(createRequire(import.meta.url).resolve("@aws-sdk/client-bedrock-runtime"));
const { NodeHttpHandler } = sdkRequire("@smithy/node-http-handler") as { NodeHttpHandler: new () => object };

interface Captured {
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

const FIXED = new Date("2026-03-04T05:06:07.000Z");
const KEYS = { accessKeyId: "AKIDEXAMPLE12345", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SESSION = { ...KEYS, sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//session+token=" };
const MODEL_IDS = [
  "amazon.nova-lite-v1:0",
  "us.anthropic.claude-opus-4-6-v1:0",
  "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
];
const SIGNED = ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"] as const;
const messages = [{ role: "user" as const, content: [{ text: "héllo 👋 \"quoted\" <tag> & more" }] }];

const captured: Captured[] = [];
function reply(path: string, res: http.ServerResponse | http2.Http2ServerResponse): void {
  if (path.endsWith("/converse-stream")) {
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
    res.end(Buffer.concat(converseStreamFrames()));
  } else {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(converseReply);
  }
}
function capture(req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name] = value;
    captured.push({ path: req.url ?? "", headers, body: new Uint8Array(Buffer.concat(chunks)) });
    reply(req.url ?? "", res);
  });
}

const h1 = http.createServer(capture);
const h2 = http2.createServer(capture);
let h1Url = "";
let h2Url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => h1.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => h2.listen(0, "127.0.0.1", resolve));
  h1Url = `http://127.0.0.1:${(h1.address() as AddressInfo).port}`;
  h2Url = `http://127.0.0.1:${(h2.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => h1.close(resolve));
  await new Promise((resolve) => h2.close(resolve));
});

async function sdkSend(wire: "h1" | "h2", credentials: typeof KEYS, modelId: string, op: "converse" | "converse-stream"): Promise<Captured> {
  const client = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: wire === "h1" ? h1Url : h2Url,
    credentials,
    maxAttempts: 1,
    ...(wire === "h1" ? { requestHandler: new NodeHttpHandler() as never } : {}),
  });
  captured.length = 0;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(FIXED);
  try {
    if (op === "converse") {
      await client.send(new ConverseCommand({ modelId, messages, inferenceConfig: { maxTokens: 64, temperature: 0.5 } }));
    } else {
      const out = await client.send(new ConverseStreamCommand({ modelId, messages, inferenceConfig: { maxTokens: 64, temperature: 0.5 } }));
      for await (const _event of out.stream ?? []) void _event;
    }
  } finally {
    vi.useRealTimers();
    client.destroy();
  }
  expect(captured).toHaveLength(1);
  return captured[0]!;
}

const cases = MODEL_IDS.flatMap((modelId) =>
  (["converse", "converse-stream"] as const).flatMap((op) =>
    (["h1", "h2"] as const).map((wire) => ({ modelId, op, wire, credentials: SESSION as typeof KEYS })),
  ),
);
cases.push({ modelId: MODEL_IDS[1]!, op: "converse-stream", wire: "h1", credentials: KEYS });

describe("signRequest matches @aws-sdk/client-bedrock-runtime on the wire", () => {
  it.each(cases)("$op $modelId over $wire (session token: $credentials.sessionToken)", async ({ modelId, op, wire, credentials }) => {
    const sdk = await sdkSend(wire, credentials, modelId, op);

    // Same path bytes as the SDK (":" → %3A, "/" → %2F).
    expect(bedrockModelPath(modelId, op)).toBe(sdk.path);
    // The SDK's payload hash covers exactly the bytes the server received.
    expect(sdk.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(sdk.body).digest("hex"));

    // Same request: the SDK's other headers and body; signing headers and host come from us.
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(sdk.headers)) {
      if ((SIGNED as readonly string[]).includes(name) || name === "host") continue;
      if (name.startsWith(":") && name !== ":authority") continue;
      headers[name] = value;
    }
    const ours = await signRequest(
      { method: "POST", url: `${wire === "h1" ? h1Url : h2Url}${bedrockModelPath(modelId, op)}`, headers, body: sdk.body },
      { credentials, region: "us-east-1", now: () => FIXED },
    );
    if (wire === "h1") expect(ours.headers.host).toBe(sdk.headers.host);
    for (const name of SIGNED) expect(ours.headers[name], name).toBe(sdk.headers[name]);
    expect(sdk.headers.authorization).toContain("/us-east-1/bedrock/aws4_request");
    expect(ours.headers["x-amz-date"]).toBe("20260304T050607Z");
  });
});
