/**
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY through undici's EnvHttpProxyAgent, against a loopback proxy
 * that records what it was asked to reach (CONNECT tunnels and absolute-form requests alike).
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { NetworkError } from "../src/errors/index.js";
import { readBody, type HttpRequest } from "../src/transport.js";
import { createUndiciTransport, proxySettingsFromEnv } from "../src/undici/index.js";
import { requestBody, startLoopback, type Loopback } from "./loopback-server.js";

interface Seen {
  method: string;
  target: string;
  proxyAuthorization: string | undefined;
}

const seen: Seen[] = [];
const tunnels = new Set<net.Socket>();
let refuse = false;
const proxy = http.createServer((req, res) => {
  seen.push({ method: req.method ?? "", target: req.url ?? "", proxyAuthorization: req.headers["proxy-authorization"] });
  const target = new URL(req.url ?? "");
  const upstream = http.request(
    { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  req.pipe(upstream);
});
proxy.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
  seen.push({ method: "CONNECT", target: req.url ?? "", proxyAuthorization: req.headers["proxy-authorization"] });
  if (refuse) {
    client.end("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  const [host, port] = (req.url ?? "").split(":");
  const upstream = net.connect(Number(port), host, () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  tunnels.add(client).add(upstream);
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
});

let target: Loopback;
let proxyUrl = "";
beforeAll(async () => {
  target = await startLoopback();
  target.handle(async (req, res) => {
    await requestBody(req);
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"via":"target"}');
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterEach(() => {
  seen.length = 0;
  refuse = false;
});
afterAll(async () => {
  for (const socket of tunnels) socket.destroy();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await target.close();
});

const request = (): HttpRequest => ({
  method: "POST",
  url: `${target.url}/model/amazon.nova-lite-v1%3A0/converse`,
  headers: { "content-type": "application/json" },
  body: new TextEncoder().encode("{}"),
});

async function call(env: Record<string, string | undefined> | undefined): Promise<string> {
  const transport = createUndiciTransport(env === undefined ? {} : { env });
  try {
    const response = await transport.send(request());
    return new TextDecoder().decode(await readBody(response.body));
  } finally {
    await transport.close?.();
  }
}

const targetHost = (): string => new URL(target.url).host;

describe("undici transport proxy environment", () => {
  it("sends through HTTP_PROXY", async () => {
    expect(await call({ HTTP_PROXY: proxyUrl })).toBe('{"via":"target"}');
    expect(seen.map((s) => s.target.replace(/^http:\/\//, "").replace(/\/.*$/, ""))).toEqual([targetHost()]);
  });

  it("honours lower-case http_proxy", async () => {
    expect(await call({ http_proxy: proxyUrl })).toBe('{"via":"target"}');
    expect(seen).toHaveLength(1);
  });

  it("goes direct for hosts in NO_PROXY", async () => {
    expect(await call({ HTTP_PROXY: proxyUrl, NO_PROXY: "localhost,127.0.0.1" })).toBe('{"via":"target"}');
    expect(seen).toEqual([]);
  });

  it("goes direct when NO_PROXY names the host:port", async () => {
    expect(await call({ HTTP_PROXY: proxyUrl, NO_PROXY: targetHost() })).toBe('{"via":"target"}');
    expect(seen).toEqual([]);
  });

  it("reads only the env it is given, and process.env by default", async () => {
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxyUrl;
    try {
      expect(await call({})).toBe('{"via":"target"}');
      expect(seen).toEqual([]);
      expect(await call(undefined)).toBe('{"via":"target"}');
      expect(seen).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
  });

  it("sends proxy credentials from the URL and keeps them out of errors", async () => {
    refuse = true;
    const withAuth = proxyUrl.replace("http://", "http://proxyuser:proxy-pa55word@");
    const error = await call({ HTTP_PROXY: withAuth }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(NetworkError);
    expect(seen[0]?.proxyAuthorization).toBe(`Basic ${Buffer.from("proxyuser:proxy-pa55word").toString("base64")}`);
    expect(`${(error as Error).message} ${(error as Error).stack}`).not.toContain("proxy-pa55word");
  });
});

describe("proxySettingsFromEnv", () => {
  it("is undefined without a proxy and fills every field otherwise (lower case wins)", () => {
    expect(proxySettingsFromEnv({ NO_PROXY: "x" })).toBeUndefined();
    expect(proxySettingsFromEnv({ HTTPS_PROXY: "http://a:1", https_proxy: "http://b:2", no_proxy: ".internal" })).toEqual({
      httpProxy: "",
      httpsProxy: "http://b:2",
      noProxy: ".internal",
    });
  });
});
