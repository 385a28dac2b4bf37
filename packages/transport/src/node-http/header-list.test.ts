import { once } from "node:events";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeHttpTransport } from "./create-node-http-transport.js";
import { headerList } from "./header-list.js";

/** A server that records each request's raw bytes up to the end of the head and answers 204. */
let server: net.Server;
let port = 0;
const heads: string[] = [];
beforeAll(async () => {
  server = net.createServer((socket) => {
    let seen = "";
    socket.on("data", (chunk: Buffer) => {
      seen += chunk.toString("latin1");
      const end = seen.indexOf("\r\n\r\n");
      if (end < 0) return;
      heads.push(seen.slice(0, end + 4));
      seen = "";
      socket.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n", () => socket.end());
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => server.close());

const body = new TextEncoder().encode('{"messages":[]}');

/** The head Node writes for these headers given as an object (what the transport did before). */
async function headAsObject(headers: Record<string, string>): Promise<string> {
  const agent = new http.Agent({ keepAlive: true });
  const request = http.request({ agent, hostname: "127.0.0.1", port, method: "POST", path: "/model/m/converse-stream", headers: { ...headers, "content-length": String(body.byteLength) }, timeout: 300_000 });
  const response = once(request, "response");
  request.end(body);
  await response;
  agent.destroy();
  return heads.at(-1)!;
}

describe("headerList", () => {
  it("writes the same request head as the headers object did", async () => {
    const transport = createNodeHttpTransport({ env: {} });
    const headers = {
      "content-type": "application/json",
      accept: "application/vnd.amazon.eventstream",
      host: `127.0.0.1:${port}`,
      "x-amz-date": "20260102T030405Z",
      "x-amz-content-sha256": "5e4ce7b36ba37b78a5d5f9fd08e6b7b54ba6879d651aa46ec9e1d6fa24ebe30a",
      authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=00",
    };
    expect(headerList(headers, body)).toBeDefined();
    const response = await transport.send({ method: "POST", url: `http://127.0.0.1:${port}/model/m/converse-stream`, headers, body });
    for await (const _ of response.body);
    const sent = heads.at(-1)!;
    await transport.close?.();
    expect(sent).toBe(await headAsObject(headers));
    expect(sent).toContain("\r\ncontent-length: 15\r\n");
  });

  it("leaves to the object form what it writes differently: no host, upper-case names, expect", () => {
    expect(headerList({ accept: "a" }, body)).toBeUndefined();
    expect(headerList({ host: "h", "Content-Type": "a" }, body)).toBeUndefined();
    expect(headerList({ host: "h", expect: "100-continue" }, body)).toBeUndefined();
    expect(headerList({ host: "h", accept: "a" }, body)).toEqual(["host", "h", "accept", "a", "content-length", "15"]);
    expect(headerList({ host: "h", "content-length": "15" }, body)).toEqual(["host", "h", "content-length", "15"]);
    expect(headerList({ host: "h" }, undefined)).toEqual(["host", "h"]);
  });
});
