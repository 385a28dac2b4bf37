/**
 * A server (a gateway, a debugging proxy) that answers by echoing the request's headers, in the
 * ways such servers encode them: the secret guards (secret-echo.test.ts, the chaos run) check that
 * nothing of a secret survives into what the client hands out.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { encodeEventStreamMessage } from "@streambed/core";

export const ECHO_MODES = ["text", "json-escaped", "url-encoded", "base64", "cut", "request-id", "frame", "converse-garbage"] as const;
export type EchoMode = (typeof ECHO_MODES)[number];

/** The request's headers as a JSON document with `/` written `\/` (PHP's json_encode, many gateways). */
const escapedJson = (value: unknown) => JSON.stringify(value).replace(/\//g, "\\/");

const frame = (messageType: string, type: string, payload: unknown) =>
  encodeEventStreamMessage({
    headers: {
      ":message-type": { type: "string", value: messageType },
      [messageType === "exception" ? ":exception-type" : ":event-type"]: { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
    },
    payload: new TextEncoder().encode(JSON.stringify(payload)),
  });

/**
 * Answers `req` by echoing its headers the way `mode` says. For a SigV4 request the echo also
 * carries `signingKey` (the secret key is never sent; it is put in to prove it is covered too).
 */
export function echoRequestHeaders(req: IncomingMessage, res: ServerResponse, mode: EchoMode, signingKey: string): void {
  const headers: Record<string, unknown> = { ...req.headers };
  if (String(req.headers.authorization ?? "").startsWith("AWS4")) headers["x-debug-signing-key"] = signingKey;
  const json = escapedJson(headers);
  const fail = (message: string, extra: Record<string, string> = {}) =>
    void res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "ValidationException", ...extra }).end(JSON.stringify({ message }));
  switch (mode) {
    case "text":
      return void res.writeHead(400, { "content-type": "text/plain" }).end(`Bad Request. You sent: ${json}`);
    case "json-escaped":
      return fail(`Malformed request headers: ${json}`);
    case "url-encoded":
      return fail(`Malformed request: ${new URLSearchParams(headers as Record<string, string>).toString()}`);
    case "base64":
      return fail(`Malformed request; headers (base64): ${Buffer.from(JSON.stringify(headers)).toString("base64")}`);
    case "cut": {
      // The gateway cuts its echo in the middle of the token, and a second excerpt starts in the middle of it.
      const token = escapedJson(String(headers["x-amz-security-token"] ?? headers.authorization)).slice(1, -1);
      const cut = json.indexOf(token) + Math.floor(token.length / 2);
      return fail(`Malformed request: ${json.slice(0, cut)}… (cut) …${json.slice(cut + 20)}`);
    }
    case "request-id":
      return fail("Malformed request", { "x-amzn-requestid": String(headers["x-amz-security-token"] ?? headers.authorization) });
    case "frame":
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      res.write(frame("event", "messageStart", { role: "assistant" }));
      res.write(frame("event", "contentBlockDelta", { contentBlockIndex: 0, delta: { text: "hi" } }));
      return void res.end(frame("exception", "validationException", { message: `Malformed request headers: ${json}` }));
    case "converse-garbage":
      // Not JSON: JSON.parse's own message quotes the start of it.
      return void res.writeHead(200, { "content-type": "application/json" }).end(`${String(headers["x-amz-security-token"] ?? headers.authorization)} ${json}`);
  }
}
