import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { CredentialsError, CredentialsExpiredError, CredentialsNotFoundError, type CredentialChain } from "@streambed/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetImdsCache } from "./imds-source.js";
import { deadEndpoint, startImdsEmulator, startLoopback, startStsEmulator, type Loopback } from "./loopback-servers.test-helper.js";
import { createNodeCredentialChain, type NodeCredentialChainOptions, type NodeCredentialInternals } from "./node-credential-chain.js";
import { readProfileRegion } from "./read-profile-region.js";

// Every secret set anywhere below; none may appear in describe(), errors, or console output.
const S = {
  bearer: "ABSKQmVkcm9ja0FQSUtleS1TECRETBEARER0001",
  envSecret: "envSecretAccessKey/abcdefghijKLMNOPQRSTUV01",
  envToken: "envSessionTokenFwoGZXIvYXdzEXAMPLE0000001",
  fileSecret: "fileSecretAccessKey/abcdefghijKLMNOPQRST02",
  procSecret: "processSecretAccessKey/abcdefghijKLMNOP03",
  procToken: "processSessionTokenIQoJb3JpZ2luEXAMPLE03",
  imdsSecret: "imdsSecretAccessKey/abcdefghijKLMNOPQRS04",
  imdsToken: "imdsSessionTokenIQoJb3JpZ2luEXAMPLE00004",
  containerSecret: "containerSecretAccessKey/abcdefghijKLM05",
  containerToken: "containerSessionTokenIQoJb3JpZ2lu00005",
  containerAuth: "containerAuthorizationTokenSECRET000006",
  stsSecret: "stsSecretAccessKey/abcdefghijKLMNOPQRST07",
  stsToken: "stsSessionTokenIQoJb3JpZ2luEXAMPLE000007",
  webIdentityJwt: "eyJhbGciOiJSUzI1NiJ9.webIdentityJwtSECRET08",
};
const SECRETS = Object.values(S);

let home: string;
let imds: Loopback;
let container: Loopback;
let sts: Loopback;
const seen: string[] = [];
const record = (text: string) => (seen.push(text), text);

beforeAll(async () => {
  imds = await startImdsEmulator({
    credentials: { AccessKeyId: "ASIAIMDSEXAMPLE00004", SecretAccessKey: S.imdsSecret, Token: S.imdsToken },
    expiration: () => new Date(Date.now() + 6 * 3600_000).toISOString(),
  });
  container = await startLoopback((req, res) => {
    if (req.headers.authorization !== S.containerAuth) return void res.writeHead(401).end(JSON.stringify({ Code: "Unauthorized", Message: "bad token" }));
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({ AccessKeyId: "ASIACONTAINER0000005", SecretAccessKey: S.containerSecret, Token: S.containerToken, Expiration: "2099-01-01T00:00:00Z" }),
    );
  });
  sts = await startStsEmulator({ AccessKeyId: "ASIASTSEXAMPLE000007", SecretAccessKey: S.stsSecret, SessionToken: S.stsToken, Expiration: "2099-01-01T00:00:00Z" });
});
afterAll(async () => {
  await Promise.all([imds.close(), container.close(), sts.close()]);
  const all = seen.join("\n");
  for (const secret of SECRETS) expect(all).not.toContain(secret);
});

const consoleOutput: string[] = [];
beforeEach(async () => {
  resetImdsCache();
  imds.requests.length = 0;
  home = await mkdtemp(join(tmpdir(), "streambed-creds-"));
  await mkdir(join(home, ".aws"));
  vi.stubEnv("HOME", home); // the AWS SDK's SSO cache lookups use os.homedir()
  for (const method of ["log", "warn", "error", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(" ")));
  }
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(home, { recursive: true, force: true });
  const all = consoleOutput.join("\n");
  for (const secret of SECRETS) expect(all).not.toContain(secret);
  seen.push(all);
});

const aws = (file: string, text: string) => writeFile(join(home, ".aws", file), text);
const internals: () => NodeCredentialInternals = () => ({ stsClientConfig: { endpoint: sts.url, region: "us-east-1" } });
/** A chain over `env` (+ HOME, + the IMDS emulator unless the test overrides it). */
function chain(env: Record<string, string>, options: Omit<NodeCredentialChainOptions, "env"> = {}): CredentialChain {
  return createNodeCredentialChain({ env: { HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, ...env }, ...options }, internals());
}
async function describeAndCheck(c: CredentialChain) {
  const d = await c.describe();
  record(JSON.stringify(d));
  return d;
}
async function failure(c: CredentialChain): Promise<Error> {
  const error = (await c.get().catch((e: unknown) => e)) as Error;
  expect(error).toBeInstanceOf(Error);
  record(`${String(error)}\n${error.message}\n${JSON.stringify(error)}\n${inspect(error, { depth: 5 })}`);
  return error;
}

async function writeCredentialProcess(): Promise<string> {
  const script = join(home, "credential-process.mjs");
  await writeFile(
    script,
    `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "ASIAPROCESS000000003", SecretAccessKey: ${JSON.stringify(S.procSecret)}, SessionToken: ${JSON.stringify(S.procToken)}, Expiration: "2099-01-01T00:00:00Z" }));\n`,
  );
  await chmod(script, 0o755);
  return `"${process.execPath}" "${script}"`;
}

/** Every step configured at once; each test removes the steps above the one it checks. */
async function everyStep(): Promise<Record<string, string>> {
  const tokenFile = join(home, "web-identity-token");
  await writeFile(tokenFile, S.webIdentityJwt);
  await aws("credentials", `[default]\naws_access_key_id = AKIAFILEDEFAULT00002\naws_secret_access_key = ${S.fileSecret}\n`);
  return {
    AWS_BEARER_TOKEN_BEDROCK: S.bearer,
    AWS_ACCESS_KEY_ID: "AKIAENVEXAMPLE000001",
    AWS_SECRET_ACCESS_KEY: S.envSecret,
    AWS_SESSION_TOKEN: S.envToken,
    AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
    AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/web",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/v2/credentials`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: S.containerAuth,
  };
}
const without = (env: Record<string, string>, ...keys: string[]) => Object.fromEntries(Object.entries(env).filter(([k]) => !keys.includes(k)));

describe("createNodeCredentialChain — the order, each step winning over every lower one", () => {
  it("explicit beats everything", async () => {
    const c = chain(await everyStep(), { credentials: { accessKeyId: "AKIAEXPLICIT00000000", secretAccessKey: S.envSecret } });
    expect((await describeAndCheck(c)).source).toBe("explicit");
  });

  it("1. env: AWS_BEARER_TOKEN_BEDROCK", async () => {
    const c = chain(await everyStep());
    expect(await describeAndCheck(c)).toEqual({ source: "env: AWS_BEARER_TOKEN_BEDROCK", kind: "bearer" });
    expect((await c.get()).credentials).toEqual({ bearerToken: S.bearer });
  });

  it("2. env: AWS_ACCESS_KEY_ID", async () => {
    const c = chain(without(await everyStep(), "AWS_BEARER_TOKEN_BEDROCK"));
    expect(await describeAndCheck(c)).toEqual({ source: "env: AWS_ACCESS_KEY_ID", kind: "sigv4", accessKeyId: "****0001", hasSessionToken: true });
  });

  it("3. profile: default (no AWS_PROFILE needed)", async () => {
    const c = chain(without(await everyStep(), "AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"));
    expect(await describeAndCheck(c)).toEqual({ source: "profile: default", kind: "sigv4", accessKeyId: "****0002", hasSessionToken: false });
    expect((await c.get()).credentials).toEqual({ accessKeyId: "AKIAFILEDEFAULT00002", secretAccessKey: S.fileSecret });
  });

  it("4a. web identity (AssumeRoleWithWebIdentity on a loopback STS)", async () => {
    const c = chain(without(await everyStep(), "AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"));
    await rm(join(home, ".aws", "credentials"));
    const d = await describeAndCheck(c);
    expect(d).toMatchObject({ source: "web identity", kind: "sigv4", accessKeyId: "****0007", hasSessionToken: true, expiration: "2099-01-01T00:00:00.000Z" });
    const call = sts.requests.at(-1)!;
    const form = new URLSearchParams(call.body);
    expect(form.get("Action")).toBe("AssumeRoleWithWebIdentity");
    expect(form.get("RoleArn")).toBe("arn:aws:iam::123456789012:role/web");
    expect(form.get("WebIdentityToken")).toBe(S.webIdentityJwt);
  });

  it("4b. container (FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN, and the _FILE variant)", async () => {
    const env = without(await everyStep(), "AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE");
    await rm(join(home, ".aws", "credentials"));
    const before = container.requests.length;
    expect(await describeAndCheck(chain(env))).toMatchObject({ source: "container", accessKeyId: "****0005", hasSessionToken: true });
    expect(container.requests[before]!.headers.authorization).toBe(S.containerAuth);
    expect(container.requests[before]!.path).toBe("/v2/credentials");
    const tokenFile = join(home, "eks-pod-identity-token");
    await writeFile(tokenFile, S.containerAuth);
    const viaFile = chain({ ...without(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN"), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    expect((await describeAndCheck(viaFile)).source).toBe("container");
    expect(imds.requests).toHaveLength(0);
  });

  it("4c. instance role (IMDS): no AWS_* variable, no profile, no AWS_PROFILE=default workaround", async () => {
    await aws("config", "[default]\nregion = eu-west-1\noutput = json\n"); // a settings-only default profile, as on many instances
    const c = chain({});
    expect(imds.requests).toHaveLength(0);
    expect(await describeAndCheck(c)).toMatchObject({ source: "instance role (IMDS)", kind: "sigv4", accessKeyId: "****0004", hasSessionToken: true });
    expect(imds.requests).toHaveLength(3);
    await Promise.all(Array.from({ length: 50 }, () => chain({}).get()));
    expect(imds.requests).toHaveLength(3);
  });

  it("none: CredentialsNotFoundError listing every step tried, fast, with a dead metadata endpoint", async () => {
    const c = chain({ AWS_EC2_METADATA_SERVICE_ENDPOINT: await deadEndpoint() });
    const error = (await failure(c)) as CredentialsNotFoundError;
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.tried.map((t) => t.split(" — ")[0])).toEqual([
      "env: AWS_BEARER_TOKEN_BEDROCK",
      "env: AWS_ACCESS_KEY_ID",
      "profile: default",
      "web identity",
      "container",
      "instance role (IMDS)",
    ]);
    expect(error.tried[2]).toContain(`no [default] profile in ${join(home, ".aws", "config")}`);
    expect(error.tried[5]).toContain("ECONNREFUSED");
    const d = await describeAndCheck(c);
    expect(d).toMatchObject({ source: "none", kind: "none" });
    expect(d.tried).toHaveLength(6);
    const disabled = await describeAndCheck(chain({ AWS_EC2_METADATA_DISABLED: "true" }));
    expect(disabled.tried?.[5]).toBe("instance role (IMDS) — AWS_EC2_METADATA_DISABLED=true");
  });

  it("none, on a host whose metadata service answers 403 (IMDS disabled): every step in tried, the last saying so", async () => {
    const forbidden = await startLoopback((_req, res) => void res.writeHead(403).end());
    try {
      const error = (await failure(chain({ AWS_EC2_METADATA_SERVICE_ENDPOINT: forbidden.url }))) as CredentialsNotFoundError;
      expect(error).toBeInstanceOf(CredentialsNotFoundError);
      expect(error.tried).toHaveLength(6);
      expect(error.tried[5]).toBe(`instance role (IMDS) — ${forbidden.url}: the instance metadata service answered HTTP 403: it is disabled on this instance`);
      expect(error.message).toContain("No AWS credentials found. Tried, in order:");
    } finally {
      await forbidden.close();
    }
  });
});

describe("lazy loading", () => {
  it("@aws-sdk/credential-providers is loaded only when a step 3–4 source is configured", async () => {
    let loads = 0;
    const real = () => import("@aws-sdk/credential-providers");
    const counted: NodeCredentialInternals = { providers: () => (loads++, real()) };
    await createNodeCredentialChain({ env: { HOME: home, AWS_BEARER_TOKEN_BEDROCK: S.bearer } }, counted).get();
    await aws("config", "[default]\nregion = eu-west-1\n");
    await createNodeCredentialChain({ env: { HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } }, counted).get();
    expect(loads).toBe(0);
    await aws("credentials", `[default]\naws_access_key_id = AKIAFILEDEFAULT00002\naws_secret_access_key = ${S.fileSecret}\n`);
    await createNodeCredentialChain({ env: { HOME: home } }, counted).get();
    expect(loads).toBe(1);
  });
});

describe("profiles from temp ~/.aws files", () => {
  it("AWS_PROFILE picks a [profile x] section; the profile option beats AWS_PROFILE; files from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE", async () => {
    await aws("config", `[profile dev]\nregion = eu-central-1\naws_access_key_id = AKIADEVCONFIG0000002\naws_secret_access_key = ${S.fileSecret}\n`);
    await aws("credentials", `[prod]\naws_access_key_id = AKIAPRODCREDS0000002\naws_secret_access_key = ${S.fileSecret}\n`);
    expect((await describeAndCheck(chain({ AWS_PROFILE: "dev", AWS_EC2_METADATA_DISABLED: "true" }))).source).toBe("profile: dev");
    const opt = chain({ AWS_PROFILE: "dev", AWS_EC2_METADATA_DISABLED: "true" }, { profile: "prod" });
    expect(await describeAndCheck(opt)).toMatchObject({ source: "profile: prod", accessKeyId: "****0002" });
    const elsewhere = join(home, "elsewhere");
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, "creds"), `[ci]\naws_access_key_id = AKIAELSEWHERE0000002\naws_secret_access_key = ${S.fileSecret}\n`);
    const moved = chain({ AWS_PROFILE: "ci", AWS_SHARED_CREDENTIALS_FILE: join(elsewhere, "creds"), AWS_EC2_METADATA_DISABLED: "true" });
    expect((await describeAndCheck(moved)).source).toBe("profile: ci");
    expect(await readProfileRegion({ env: { HOME: home, AWS_PROFILE: "dev" } })).toBe("eu-central-1");
    expect(await readProfileRegion({ env: { HOME: home }, profile: "prod" })).toBeUndefined();
  });

  it("credential_process (a tiny node script)", async () => {
    await aws("config", `[profile proc]\ncredential_process = ${await writeCredentialProcess()}\n`);
    const c = chain({ AWS_PROFILE: "proc" });
    expect(await describeAndCheck(c)).toEqual({
      source: "profile: proc",
      kind: "sigv4",
      accessKeyId: "****0003",
      hasSessionToken: true,
      expiration: "2099-01-01T00:00:00.000Z",
    });
    expect((await c.get()).credentials).toMatchObject({ secretAccessKey: S.procSecret, sessionToken: S.procToken });
  });

  it("credential_process printing expired credentials: CredentialsExpiredError naming the profile and the time", async () => {
    const script = join(home, "expired-process.mjs");
    await writeFile(script, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "ASIAPROCESS000000009", SecretAccessKey: ${JSON.stringify(S.procSecret)}, SessionToken: ${JSON.stringify(S.procToken)}, Expiration: "2001-02-03T04:05:06Z" }));\n`);
    await aws("config", `[profile stale]\ncredential_process = "${process.execPath}" "${script}"\n`);
    const error = await failure(chain({ AWS_PROFILE: "stale" }));
    expect(error).toBeInstanceOf(CredentialsExpiredError);
    expect(error).toMatchObject({ source: "profile: stale", code: "CredentialsExpired", expiration: new Date("2001-02-03T04:05:06Z") });
    expect(error.message).toContain("expired at 2001-02-03T04:05:06.000Z");
  });

  it("role_arn + source_profile (AssumeRole on a loopback STS)", async () => {
    await aws("credentials", `[base]\naws_access_key_id = AKIABASEEXAMPLE00002\naws_secret_access_key = ${S.fileSecret}\n`);
    await aws("config", `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n`);
    expect(await describeAndCheck(chain({ AWS_PROFILE: "admin" }))).toMatchObject({ source: "profile: admin", accessKeyId: "****0007" });
    const form = new URLSearchParams(sts.requests.at(-1)!.body);
    expect(form.get("Action")).toBe("AssumeRole");
    expect(form.get("RoleArn")).toBe("arn:aws:iam::123456789012:role/admin");
  });

  it("SSO profiles are labelled sso: <name>; an absent SSO login is a CredentialsError saying what to run", async () => {
    await aws(
      "config",
      "[profile work]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-west-2\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
    );
    const error = (await failure(chain({ AWS_PROFILE: "work" }))) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.source).toBe("sso: work");
    expect(error.message).toContain("aws sso login --profile work");
  });

  it("a settings-only or missing default profile falls through; an explicitly named missing profile is an error", async () => {
    await aws("config", "[default]\nregion = us-east-2\n");
    const d = await describeAndCheck(chain({ AWS_EC2_METADATA_DISABLED: "true" }));
    expect(d.tried?.[2]).toBe('profile: default — profile "default" has no credentials (only settings such as region)');
    const error = (await failure(chain({ AWS_PROFILE: "typo" }))) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/The profile "typo" \(from AWS_PROFILE\) is not in/);
    expect(imds.requests).toHaveLength(0);
  });
});

describe("broken sources are CredentialsErrors without secrets", () => {
  it("AWS_ACCESS_KEY_ID without its secret", async () => {
    const error = await failure(chain({ AWS_ACCESS_KEY_ID: "AKIAENVEXAMPLE000001", AWS_SESSION_TOKEN: S.envToken }));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain("AWS_SECRET_ACCESS_KEY is not");
  });

  it("web identity without AWS_ROLE_ARN; container with a wrong token; container on a dead port", async () => {
    const tokenFile = join(home, "t");
    await writeFile(tokenFile, S.webIdentityJwt);
    expect((await failure(chain({ AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile }))).message).toContain("AWS_ROLE_ARN is not");
    const wrong = await failure(
      createNodeCredentialChain(
        { env: { HOME: home, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: `${S.containerAuth}x` } },
        { timeoutMs: 50 },
      ),
    );
    expect(wrong).toBeInstanceOf(CredentialsError);
    expect(wrong.message).toMatch(/container credentials endpoint \(AWS_CONTAINER_CREDENTIALS_FULL_URI\) failed/);
    const dead = await failure(
      createNodeCredentialChain({ env: { HOME: home, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${await deadEndpoint()}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: S.containerAuth } }, { timeoutMs: 20 }),
    );
    expect((dead as CredentialsError).source).toBe("container");
  });

  it("a failing credential_process", async () => {
    const script = join(home, "fail.mjs");
    await writeFile(script, `process.stderr.write(${JSON.stringify(S.procSecret)}); process.exit(3);\n`);
    await aws("config", `[profile bad]\ncredential_process = "${process.execPath}" "${script}"\n`);
    const error = (await failure(chain({ AWS_PROFILE: "bad" }))) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.source).toBe("profile: bad");
    expect(inspect(error)).not.toContain(S.procSecret);
    console.info(error.message);
  });

  it("an STS that refuses AssumeRole and echoes the request: no signature, no unmasked key id, no session token in the error", async () => {
    // Found by the chaos run (scripts/chaos.ts): the error kept the request's Authorization header
    // as STS echoed it (Credential=<source key id>/…, Signature=<64 hex>); only known values were removed.
    const echoing = await startLoopback((req, res) =>
      void res
        .writeHead(403, { "content-type": "text/xml" })
        .end(`<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized. You sent ${JSON.stringify(req.headers)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`),
    );
    try {
      await aws("credentials", `[base]\naws_access_key_id = AKIABASESTSECHOKEY09\naws_secret_access_key = ${S.fileSecret}\naws_session_token = ${S.envToken}\n`);
      await aws("config", `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n`);
      const c = createNodeCredentialChain({ env: { HOME: home, AWS_PROFILE: "admin", AWS_EC2_METADATA_DISABLED: "true" } }, { stsClientConfig: { endpoint: echoing.url, region: "us-east-1" } });
      const error = (await failure(c)) as CredentialsError;
      expect(error).toBeInstanceOf(CredentialsError);
      expect(String(echoing.requests[0]?.headers.authorization)).toMatch(/Signature=[0-9a-f]{64}/); // it was there to echo
      const shown = `${error.message}\n${inspect(error, { depth: 10, showHidden: true })}`;
      expect(error.message).toContain("Not authorized");
      expect(shown).not.toMatch(/Signature=[0-9a-f]{16}/);
      expect(shown).not.toContain("AKIABASESTSECHOKEY09");
      expect(shown).toContain("Credential=****EY09/");
      expect(shown).not.toContain(S.envToken);
    } finally {
      await echoing.close();
    }
  });

  it("a failing credential_process with a token on its command line: the arguments are not echoed", async () => {
    const token = "cmdLineToken/0123456789abcdefSECRET";
    await aws("config", `[profile argtoken]\ncredential_process = /bin/false --token ${token}\n`);
    const error = (await failure(chain({ AWS_PROFILE: "argtoken" }))) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain("/bin/false");
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(token);
    expect(String(error.stack)).not.toContain(token);
  });
});
