/**
 * Secret guard: known secrets (a secret access key, a session token, a Bedrock API key, plus a
 * wrong secret and a proxy password) go through every error path of the catalogue, through both
 * transports, SigV4 and bearer; every error (String, stack, JSON, util.inspect with depth and
 * hidden fields, causes included), every debug log entry and every `credentials.describe()` must
 * be free of them. The access key id may only appear masked.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedChildEnv } from "../../../../scripts/test-guard/child-env.mjs";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import type { DebugEntry } from "@streambed/core";
import { deadEndpoint, startLoopback } from "../../src/credentials/loopback-servers.test-helper.js";
import { ask, clientFor, drain, faultModel, TRANSPORTS, type TransportName } from "./harness.js";
import { SOAK_FAULTS } from "./soak.js";
import { visibleTexts, type VisibleText } from "./visible-texts.js";

const ACCESS_KEY_ID = "AKIAGUARDKEYID00WXYZ";
const SECRET = "sEcReT/guard+KEY/0123456789abcdefGHIJKLMN";
const SESSION = "IQoJb3JpZ2luX2VjEGuardSessionToken/+0123456789abcdefSESSION==";
const BEARER = "ABSKQmVkcm9ja0FQSUtleS1ndWFyZC1iZWFyZXItdG9rZW4tMDEyMzQ1Njc4OQ==";
const WRONG_SECRET = "wr0ng/guard+SECRET/abcdefghijklmnopqrstuv";
const WRONG_BEARER = "ABSKd3JvbmctYmVhcmVyLXRva2VuLWd1YXJkLTAxMjM0NTY3ODk=";
const PROXY_PASSWORD = "pr0xyPassw0rdGuard";
/** A Bedrock API key written in the config (models.providers["amazon-bedrock"].apiKey), and a wrong one. */
const CONFIG_KEY = "ABSKQmVkcm9ja0FQSUtleS1ndWFyZC1jb25maWcta2V5LTAxMjM0NTY3OA==";
const WRONG_CONFIG_KEY = "ABSKd3JvbmctY29uZmlnLWtleS1ndWFyZC0wMTIzNDU2Nzg5YWJj";
const FORBIDDEN = [ACCESS_KEY_ID, SECRET, SESSION, BEARER, WRONG_SECRET, WRONG_BEARER, PROXY_PASSWORD, CONFIG_KEY, WRONG_CONFIG_KEY];

const SIGV4 = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION };

let emulator: RunningEmulator;
let home: string;
let proxy: http.Server;
let proxyUrl = "";
const proxySockets = new Set<Socket>();
/** Everything streambed produced that a user could see. */
const outputs: VisibleText[] = [];

function record(where: string, value: unknown): void {
  outputs.push(...visibleTexts(where, value));
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "streambed-faults-guard-"));
  emulator = await startEmulator({
    credentials: [SIGV4],
    bearerTokens: [BEARER, CONFIG_KEY],
    script: (info) =>
      info.headers["x-expired"] ? { error: { status: 403, type: "ExpiredTokenException", message: "The security token included in the request is expired" } } : undefined,
  });
  proxy = http.createServer((_req, res) => void res.writeHead(407).end());
  proxy.on("connection", (s: Socket) => proxySockets.add(s));
  proxy.on("connect", (_req: http.IncomingMessage, client: Socket) => void client.end("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"));
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of proxySockets) s.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await emulator.close();
  await rm(home, { recursive: true, force: true });
});

type Auth = "sigv4" | "bearer" | "config";
const apiKeyConfig = (apiKey: string, auth = "api-key") => ({ models: { providers: { "amazon-bedrock": { auth, apiKey } } } });
const authOptions = (auth: Auth) =>
  auth === "sigv4"
    ? { credentials: SIGV4 }
    : auth === "bearer"
      ? { credentials: { bearerToken: BEARER } }
      : { credentials: undefined, config: apiKeyConfig(CONFIG_KEY) };

async function run(where: string, transport: TransportName, options: Parameters<typeof clientFor>[2], model = faultModel(undefined), extra: { complete?: boolean; signal?: AbortSignal } = {}) {
  const debug: DebugEntry[] = [];
  const bedrock = clientFor(options?.endpoint ? { url: options.endpoint } : emulator, transport, { ...options, debug: (e) => debug.push(e) });
  const request = ask(model, "guard me", extra.signal ? { signal: extra.signal } : {});
  const { error } = extra.complete ? await bedrock.complete(request).then(() => ({ error: undefined }), (e: unknown) => ({ error: e })) : await drain(bedrock.stream(request));
  record(where, error);
  record(`${where}: describe`, await bedrock.credentials.describe().catch((e: unknown) => e));
  for (const entry of debug) record(`${where}: debug`, entry);
  await bedrock.close();
  return error;
}

describe.each(TRANSPORTS)("secret guard (%s)", (transport) => {
  for (const auth of ["sigv4", "bearer", "config"] as const) {
    it(`${auth}: every fault of the catalogue, stream and complete`, async () => {
      const faults = [...Object.keys(SOAK_FAULTS).filter((f) => f && f !== "stall"), "404", "408", "424", "model-not-ready"];
      for (const fault of faults) {
        const error = await run(`${auth} ${fault}`, transport, authOptions(auth), faultModel(fault));
        expect(error, fault).toBeDefined();
        await run(`${auth} ${fault} complete`, transport, authOptions(auth), faultModel(fault), { complete: true });
      }
      await run(`${auth} stall`, transport, { ...authOptions(auth), timeouts: { idleMs: 100 } }, faultModel("stall:5"));
      await run(`${auth} stall-headers`, transport, { ...authOptions(auth), timeouts: { firstByteMs: 100 }, retry: false }, faultModel("stall-headers:5"));
      await run(`${auth} expired`, transport, authOptions(auth), { ...faultModel(undefined), headers: { "x-expired": "1" } });
      await run(`${auth} profile-only model`, transport, authOptions(auth), faultModel(undefined, "anthropic.claude-sonnet-4-5-20250929-v1:0"));
      await run(`${auth} refused`, transport, { ...authOptions(auth), endpoint: await deadEndpoint() });
      const controller = new AbortController();
      controller.abort();
      await run(`${auth} abort`, transport, authOptions(auth), faultModel(undefined), { signal: controller.signal });
    });
  }

  it("wrong secret, missing session token, wrong bearer token (403s carrying AWS's canonical-request text)", async () => {
    expect(await run("wrong secret", transport, { credentials: { ...SIGV4, secretAccessKey: WRONG_SECRET } })).toMatchObject({ code: "InvalidSignatureException" });
    expect(await run("no session token", transport, { credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET } })).toMatchObject({ status: 403 });
    expect(await run("wrong bearer", transport, { credentials: { bearerToken: WRONG_BEARER } })).toMatchObject({ status: 403 });
    expect(await run("wrong config apiKey", transport, { credentials: undefined, config: apiKeyConfig(WRONG_CONFIG_KEY, "token") })).toMatchObject({ status: 403 });
  });

  it("the config's apiKey: used, from ${VAR}, ignored (auth aws-sdk), beaten by the env, and broken (empty, ${VAR} unset)", async () => {
    const base = { HOME: home, AWS_EC2_METADATA_DISABLED: "true" };
    const configs: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      ["config apiKey", apiKeyConfig(CONFIG_KEY), base],
      ["config apiKey, auth unset, env keys", { models: { providers: { "amazon-bedrock": { apiKey: CONFIG_KEY } } } }, { ...base, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET }],
      ["config apiKey ignored (aws-sdk), nothing else", apiKeyConfig(CONFIG_KEY, "aws-sdk"), base],
      ["config apiKey beaten by env bearer", apiKeyConfig(WRONG_CONFIG_KEY), { ...base, AWS_BEARER_TOKEN_BEDROCK: BEARER }],
      ["config apiKey empty", apiKeyConfig("   "), { ...base, AWS_SECRET_ACCESS_KEY: SECRET }],
      ["config apiKey ${VAR}", apiKeyConfig("${GUARD_KEY}"), { ...base, GUARD_KEY: CONFIG_KEY }],
      ["config apiKey ${VAR} unset", apiKeyConfig("${GUARD_KEY}"), base],
    ];
    const errors = [];
    for (const [where, config, env] of configs) errors.push(await run(where, transport, { credentials: undefined, config, env }));
    // The key really went over the wire (first two, and from ${GUARD_KEY}), the env token beat a wrong config key, and the broken ones failed typed.
    expect(errors.map((e) => (e as Error | undefined)?.name)).toEqual([undefined, undefined, "CredentialsNotFoundError", undefined, "ConfigError", undefined, "ConfigError"]);
    expect(outputs.some((o) => o.where === "config apiKey: describe" && o.text.includes('"source":"config: models.providers[\\"amazon-bedrock\\"].apiKey"'))).toBe(true);
  });

  it("credentials from the environment: describe, not found, present but broken", async () => {
    const base = { HOME: home, AWS_EC2_METADATA_DISABLED: "true" };
    const envs: Array<[string, Record<string, string>]> = [
      ["env keys", { ...base, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION }],
      ["env bearer", { ...base, AWS_BEARER_TOKEN_BEDROCK: BEARER }],
      ["env secret without key id", { ...base, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION }],
      ["env key id without secret", { ...base, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SESSION_TOKEN: SESSION }],
      ["env bad expiration", { ...base, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: "not-a-date" }],
      ["env unknown profile", { ...base, AWS_PROFILE: "nope", AWS_SECRET_ACCESS_KEY: SECRET }],
    ];
    for (const [where, env] of envs) await run(where, transport, { credentials: undefined, env });
    // A profile file holding the secret, with a broken credential_process.
    const aws = join(home, ".aws");
    await import("node:fs/promises").then((fs) => fs.mkdir(aws, { recursive: true }));
    await writeFile(join(aws, "credentials"), `[guard]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION}\n[broken]\ncredential_process = /bin/false ${SECRET}\n`);
    await run("profile keys", transport, { credentials: undefined, env: { ...base, AWS_PROFILE: "guard" } });
    await run("profile credential_process", transport, { credentials: undefined, env: { ...base, AWS_PROFILE: "broken" } });
  });

  it("endpoints and proxies with a password in the URL; discovery failures", async () => {
    await run("endpoint with userinfo", transport, { ...authOptions("sigv4"), endpoint: `https://user:${SECRET}@bedrock.example.invalid` });
    await run("env endpoint with userinfo", transport, { ...authOptions("sigv4"), endpoint: undefined as unknown as string, env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: `http://u:${SECRET}@127.0.0.1:1` } });
    if (transport === "undici") {
      const authed = proxyUrl.replace("http://", `http://guard:${PROXY_PASSWORD}@`);
      await run("proxy password", transport, { ...authOptions("sigv4"), retry: false, env: { HTTPS_PROXY: authed, HTTP_PROXY: authed } });
    }
    const plane = await startLoopback((_req, res) =>
      void res.writeHead(403, { "x-amzn-errortype": "InvalidSignatureException" }).end(JSON.stringify({ message: `The request signature we calculated does not match. The Canonical String for this request should have been 'GET\n/foundation-models\n\nx-amz-security-token:${SESSION}\n' Authorization=AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20300101/us-east-1/bedrock/aws4_request` })),
    );
    try {
      for (const auth of ["sigv4", "bearer"] as const) {
        const debug: DebugEntry[] = [];
        const bedrock = clientFor(emulator, transport, { ...authOptions(auth), controlPlaneEndpoint: plane.url, debug: (e) => debug.push(e) });
        record(`${auth} discovery`, await bedrock.models.listing());
        for (const entry of debug) record(`${auth} discovery: debug`, entry);
        await bedrock.close();
      }
    } finally {
      await plane.close();
    }
  });
});

// The CLI's doctor, when the CLI is built: its stdout and stderr (debug log on) in good and bad setups.
const CLI = fileURLToPath(new URL("../../../cli/dist/cli.js", import.meta.url));
describe.skipIf(!existsSync(CLI))("secret guard: streambed doctor", () => {
  const doctor = (env: Record<string, string>) =>
    new Promise<string>((resolve) => {
      execFile(process.execPath, [CLI, "doctor", "--probe"], { env: guardedChildEnv({ PATH: process.env.PATH ?? "", HOME: home, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-east-1", STREAMBED_DEBUG: "1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url, AWS_ENDPOINT_URL_BEDROCK: emulator.url, ...env }) }, (_error, stdout, stderr) =>
        resolve(`${stdout}\n${stderr}`),
      );
    });
  it("env keys, wrong secret, bearer, wrong bearer, a broken profile, the config's apiKey", async () => {
    const runs: Array<[string, Record<string, string>]> = [
      ["keys", { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION }],
      ["wrong secret", { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: WRONG_SECRET, AWS_SESSION_TOKEN: SESSION }],
      ["bearer", { AWS_BEARER_TOKEN_BEDROCK: BEARER }],
      ["wrong bearer", { AWS_BEARER_TOKEN_BEDROCK: WRONG_BEARER }],
      ["secret without key id", { AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION }],
      ["proxy password", { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, HTTPS_PROXY: proxyUrl.replace("http://", `http://guard:${PROXY_PASSWORD}@`), HTTP_PROXY: proxyUrl.replace("http://", `http://guard:${PROXY_PASSWORD}@`) }],
    ];
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(home, ".aws"), { recursive: true });
    await writeFile(join(home, ".aws", "credentials"), `[guard]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION}\n[broken]\ncredential_process = /bin/false ${SECRET}\n`);
    runs.push(["profile keys", { AWS_PROFILE: "guard" }], ["broken credential_process", { AWS_PROFILE: "broken" }]);
    // The config's apiKey: used, wrong, ignored, and required but empty.
    const configFile = (name: string, provider: Record<string, unknown>) => {
      const file = join(home, `${name}.json5`);
      return writeFile(file, JSON.stringify({ models: { providers: { "amazon-bedrock": provider } } })).then(() => ({ STREAMBED_CONFIG: file }));
    };
    runs.push(
      ["config apiKey", await configFile("guard-key", { auth: "api-key", apiKey: CONFIG_KEY })],
      ["wrong config apiKey", await configFile("guard-wrong-key", { auth: "token", apiKey: WRONG_CONFIG_KEY })],
      ["config apiKey ignored", await configFile("guard-ignored-key", { auth: "aws-sdk", apiKey: CONFIG_KEY })],
      ["config apiKey empty", await configFile("guard-empty-key", { auth: "api-key", apiKey: " " })],
    );
    for (const [where, env] of runs) {
      const text = await doctor(env);
      expect(text).toContain("credentials");
      if (where === "config apiKey") expect(text).toMatch(/credentials\s+config: models\.providers\["amazon-bedrock"\]\.apiKey \(Bedrock API key/);
      record(`doctor ${where}`, text);
    }
  });
});

describe("the guard itself", () => {
  it("ran over many outputs and found no secret in any of them", () => {
    expect(outputs.length).toBeGreaterThan(500);
    const leaks: string[] = [];
    for (const { where, text } of outputs) {
      for (const secret of FORBIDDEN) {
        if (text.includes(secret)) leaks.push(`${where} contains ${secret.slice(0, 6)}…: ${text.slice(Math.max(0, text.indexOf(secret) - 120), text.indexOf(secret) + secret.length + 20)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("the masked access key id is what describe() shows", () => {
    const described = outputs.filter((o) => o.where.endsWith("describe") && o.text.includes("****"));
    expect(described.length).toBeGreaterThan(0);
    expect(described.some((o) => o.text.includes("****WXYZ"))).toBe(true);
  });
});
