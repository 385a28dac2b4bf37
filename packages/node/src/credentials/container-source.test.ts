import { mkdtemp, rm, writeFile } from "node:fs/promises";
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

  it("the injected env decides, not process.env (fromHttp would read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE from it)", async () => {
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
