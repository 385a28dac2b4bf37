import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CredentialsError } from "@streambed/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { containerCredentialSource } from "./container-source.js";
import { startLoopback, type Loopback } from "./loopback-servers.test-helper.js";

const AUTH = "containerAuthorizationTokenSECRET000777";
const SECRET = "containerSecretAccessKey/abcdefghijKLM77";

let dir: string;
let endpoint: Loopback;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "streambed-container-"));
  // An EKS Pod Identity agent: answers only the exact token.
  endpoint = await startLoopback((req, res) => {
    if (req.headers.authorization !== AUTH) return void res.writeHead(401).end(JSON.stringify({ Code: "Unauthorized", Message: "bad token" }));
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({ AccessKeyId: "ASIACONTAINER0000077", SecretAccessKey: SECRET, Token: "containerSessionToken77", Expiration: "2099-01-01T00:00:00Z" }),
    );
  });
});
afterAll(async () => {
  await endpoint.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function tokenFile(name: string, contents: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, contents);
  return file;
}

const load = (env: Record<string, string>) => containerCredentialSource({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint.url}/v1/credentials`, ...env } }).load();

describe("container credentials: the authorization token", () => {
  it.each([
    ["a trailing newline (echo, editors)", `${AUTH}\n`],
    ["a trailing CRLF", `${AUTH}\r\n`],
    ["surrounding blanks", `  ${AUTH}\t\n\n`],
  ])("a token file with %s is trimmed, and the endpoint gets the exact token", async (_what, contents) => {
    const before = endpoint.requests.length;
    const credentials = await load({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: await tokenFile("token", contents) });
    expect(credentials).toMatchObject({ accessKeyId: "ASIACONTAINER0000077", secretAccessKey: SECRET });
    expect(endpoint.requests.slice(before).map((r) => r.headers.authorization)).toEqual([AUTH]);
  });

  it("the file is read at each load (a rotated token is picked up)", async () => {
    const file = await tokenFile("rotating", "stale-token\n");
    const source = containerCredentialSource({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint.url}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file }, timeoutMs: 200 });
    await expect(source.load()).rejects.toBeInstanceOf(CredentialsError);
    await writeFile(file, `${AUTH}\n`);
    await expect(source.load()).resolves.toMatchObject({ accessKeyId: "ASIACONTAINER0000077" });
  });

  it("the injected env decides, not process.env (the AWS SDK's fromHttp read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE from it)", async () => {
    vi.stubEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", await tokenFile("process-env-token", "wrong-token\n"));
    vi.stubEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token-too");
    const before = endpoint.requests.length;
    await load({ AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH });
    expect(endpoint.requests.slice(before).map((r) => r.headers.authorization)).toEqual([AUTH]);
  });

  it("a line break inside the token: CredentialsError naming the variable and file, never the token; nothing sent", async () => {
    const file = await tokenFile("two-lines", `${AUTH}\nsecond-line\n`);
    const before = endpoint.requests.length;
    const error = await load({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ source: "container" });
    expect((error as Error).message).toContain(`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${file})`);
    expect((error as Error).message).toContain("line break");
    expect(JSON.stringify(error) + String(error)).not.toContain(AUTH);
    expect(endpoint.requests.length).toBe(before);
  });

  it("an unreadable token file: CredentialsError naming the file and the reason", async () => {
    const missing = join(dir, "no-such-token");
    const error = await load({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toBe(
      `The container authorization token file ${missing} (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) cannot be read: ENOENT. Check the path and its permissions.`,
    );
  });
});

/**
 * An endpoint that misbehaves after the request arrived; `closed` counts the connections the
 * client closed while a reply was still owed.
 */
async function misbehaving(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; requests: number; cut: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = { url: "", requests: 0, cut: 0, close: async () => undefined as void };
  const server: Server = createServer((req, res) => {
    state.requests++;
    res.on("close", () => void (res.writableFinished || state.cut++));
    handle(req, res);
  });
  server.on("connection", (s: Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/credentials`;
  state.close = () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve())));
  return state;
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("container credentials: an endpoint that stalls or floods (found by the chaos run)", () => {
  // Before: the AWS SDK's fromHttp was used, whose 1 s timeout only logged a warning: a silent
  // endpoint held the load (and the call, without timeouts.totalMs) for ever, the request was never
  // closed, and a flood was read whole.
  it("accepts the request and never answers: CredentialsError after the budget, tried twice, each request closed", async () => {
    const silent = await misbehaving(() => undefined);
    try {
      const source = containerCredentialSource({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: silent.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH }, timeoutMs: 200 });
      const error = await source.load().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsError);
      expect((error as Error).message).toBe(
        "The container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) failed: no complete reply within 200 ms (tried 2 times)",
      );
      expect(silent.requests).toBe(2);
      await until(() => silent.cut === 2);
    } finally {
      await silent.close();
    }
  });

  it("answers and floods the body: cut at 64 KiB, not retried", async () => {
    const flood = await misbehaving((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    try {
      const source = containerCredentialSource({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: flood.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH } });
      const error = await source.load().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsError);
      expect((error as Error).message).toContain("its reply is larger than 65536 bytes");
      expect(flood.requests).toBe(1);
      await until(() => flood.cut === 1);
    } finally {
      await flood.close();
    }
  });

  it("an aborted load closes the request at once and sends nothing more", async () => {
    const silent = await misbehaving(() => undefined);
    try {
      const controller = new AbortController();
      const source = containerCredentialSource({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: silent.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: AUTH }, timeoutMs: 60_000 });
      const loading = source.load({ signal: controller.signal }).catch((e: unknown) => e);
      await until(() => silent.requests === 1);
      controller.abort();
      const error = await loading;
      expect(error).toBeInstanceOf(CredentialsError);
      expect((error as Error).message).toContain("the load was stopped");
      await until(() => silent.cut === 1);
      expect(silent.requests).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it("a 5xx is tried again, a 4xx is not; an http URL off loopback and the agents is refused before any request", async () => {
    const failing = await misbehaving((req, res) => void res.writeHead(req.headers.authorization === AUTH ? 503 : 403).end("{}"));
    try {
      const load = (token: string) => containerCredentialSource({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: failing.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token } }).load().catch((e: unknown) => e);
      expect(((await load(AUTH)) as Error).message).toMatch(/failed: it answered HTTP 503 \(tried 2 times\)$/);
      expect(failing.requests).toBe(2);
      expect(((await load("another-token")) as Error).message).toMatch(/failed: it answered HTTP 403$/);
      expect(failing.requests).toBe(3);
    } finally {
      await failing.close();
    }
    const refused = await containerCredentialSource({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://192.0.2.1/creds" } }).load().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsError);
    expect((refused as Error).message).toContain("the URL is not accepted: it must be https, or http to loopback");
  });
});
