import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { CredentialsError, secretEncodings } from "@streambed/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoopback, startStsEmulator, type Loopback } from "./loopback-servers.test-helper.js";
import { webIdentityCredentialSource } from "./web-identity-source.js";

// A JWT as EKS writes it: header.payload.signature, base64url.
const TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6IndpZCJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6d2lkIn0.c2lnbmF0dXJlLXdlYi1pZGVudGl0eS1TRUNSRVQ-_x";
const ROLE = "arn:aws:iam::123456789012:role/web";

let dir: string;
let sts: Loopback;
let echo: Loopback;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "streambed-web-identity-"));
  sts = await startStsEmulator({ AccessKeyId: "ASIAWEBIDENTITY00007", SecretAccessKey: "wId/secretKEY+example0000000000000000000", SessionToken: "IQoJwebIdentitySession", Expiration: "2099-01-01T00:00:00Z" });
  // STS answering with what it was sent, as a proxy or a misconfigured endpoint may: the token is in the form body.
  echo = await startLoopback((_req, res, body) =>
    res.writeHead(400, { "content-type": "text/xml" }).end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>Token not valid: ${body}</Message></Error><RequestId>r</RequestId></ErrorResponse>`),
  );
});
afterAll(async () => {
  await Promise.all([sts.close(), echo.close(), rm(dir, { recursive: true, force: true })]);
});

async function tokenFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const source = (env: Record<string, string>) => webIdentityCredentialSource({ env: { AWS_REGION: "us-east-1", AWS_ROLE_ARN: ROLE, ...env } });

async function failure(promise: Promise<unknown>): Promise<CredentialsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialsError);
  return error as CredentialsError;
}

describe("webIdentityCredentialSource", () => {
  it("is absent without AWS_WEB_IDENTITY_TOKEN_FILE", async () => {
    expect(await webIdentityCredentialSource({ env: {} }).load()).toBeUndefined();
  });

  it("sends the file's token (trimmed) to AssumeRoleWithWebIdentity and returns the role's credentials", async () => {
    const file = await tokenFile("token", `${TOKEN}\n`);
    const credentials = await source({ AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ENDPOINT_URL_STS: sts.url, AWS_ROLE_SESSION_NAME: "s1" }).load();
    expect(credentials).toMatchObject({ accessKeyId: "ASIAWEBIDENTITY00007", sessionToken: "IQoJwebIdentitySession" });
    const form = new URLSearchParams(sts.requests.at(-1)!.body);
    expect(form.get("Action")).toBe("AssumeRoleWithWebIdentity");
    expect(form.get("WebIdentityToken")).toBe(TOKEN);
    expect(form.get("RoleArn")).toBe(ROLE);
    expect(form.get("RoleSessionName")).toBe("s1");
  });

  it("reads the file again at every load (the platform rotates it)", async () => {
    const file = await tokenFile("rotating", "first.token.one");
    const load = source({ AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ENDPOINT_URL_STS: sts.url });
    await load.load();
    await writeFile(file, "second.token.two");
    await load.load();
    expect(sts.requests.slice(-2).map((r) => new URLSearchParams(r.body).get("WebIdentityToken"))).toEqual(["first.token.one", "second.token.two"]);
  });

  it("a missing token file is a CredentialsError naming the file, before any request", async () => {
    const before = sts.requests.length;
    const file = join(dir, "no-such-token");
    const error = await failure(source({ AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ENDPOINT_URL_STS: sts.url }).load());
    expect(error.message).toContain(`AWS_WEB_IDENTITY_TOKEN_FILE (${file}) cannot be read (ENOENT)`);
    expect(error.source).toBe("web identity");
    expect(sts.requests.length).toBe(before);
  });

  it("an empty token file is a CredentialsError, before any request", async () => {
    const before = sts.requests.length;
    const file = await tokenFile("empty", " \n");
    const error = await failure(source({ AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ENDPOINT_URL_STS: sts.url }).load());
    expect(error.message).toContain("is empty");
    expect(sts.requests.length).toBe(before);
  });

  it("the token file without AWS_ROLE_ARN is a CredentialsError", async () => {
    const file = await tokenFile("no-role", TOKEN);
    const error = await failure(webIdentityCredentialSource({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: file } }).load());
    expect(error.message).toContain("AWS_ROLE_ARN is not");
  });

  it("an STS error echoing the request shows no trace of the token, in any encoding", async () => {
    const file = await tokenFile("echoed", TOKEN);
    const error = await failure(source({ AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ENDPOINT_URL_STS: echo.url }).load());
    expect(new URLSearchParams(echo.requests.at(-1)!.body).get("WebIdentityToken")).toBe(TOKEN);
    expect(error.message).toContain("Token not valid");
    const shown = [error.message, String(error), error.stack ?? "", inspect(error, { depth: 5 }), JSON.stringify(error)].join("\n");
    // Not the token, nor any of its three parts (a shape-based redaction alone hid only the middle one).
    for (const piece of [TOKEN, ...TOKEN.split(".")]) for (const encoded of secretEncodings(piece)) expect(shown).not.toContain(encoded);
  });

  it("an abort while reading the file rejects with the caller's reason", async () => {
    const file = await tokenFile("aborted", TOKEN);
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    controller.abort(reason);
    await expect(source({ AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ENDPOINT_URL_STS: sts.url }).load({ signal: controller.signal })).rejects.toBe(reason);
  });
});
