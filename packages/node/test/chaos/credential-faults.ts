/**
 * The credential sources' faults: STS (role_arn profiles), web identity (a token file and STS), IMDS, the container endpoint,
 * credential_process and env keys: stalls, floods, expired credentials, errors echoing what they
 * were sent.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { between, chaosModel, emulatorFault, noSources, type CallFault, type CallPlan, type FaultContext } from "./call-fault.js";
import { flood, startChaosServer, type ChaosServer } from "./servers.js";


const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const HOUR = 3_600_000;

/** How a credential endpoint misbehaves. */
type SourceMode = "ok" | "slow" | "stall" | "flood" | "expired" | "error-echo" | "reset";

function stsXml(action: string, k: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, expiration: string): string {
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${k.accessKeyId}</AccessKeyId><SecretAccessKey>${k.secretAccessKey}</SecretAccessKey><SessionToken>${k.sessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/chaos/s</Arn><AssumedRoleId>AROACHAOS:s</AssumedRoleId></AssumedRoleUser></${action}Result><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></${action}Response>`;
}

/** A loopback STS answering AssumeRole / AssumeRoleWithWebIdentity with `keys` as `mode` says; its refusal echoes what it was sent. */
function startLoopbackSts(ctx: FaultContext, mode: SourceMode, keys: { accessKeyId: string; secretAccessKey: string; sessionToken: string }, refusal: { status: number; code: string }): Promise<ChaosServer> {
  return startChaosServer("sts", async (x) => {
    const action = new URLSearchParams(x.body).get("Action") ?? "AssumeRole";
    const reply = (expiration: string) => x.res.writeHead(200, { "content-type": "text/xml" }).end(stsXml(action, keys, expiration));
    switch (mode) {
      case "ok":
        return void reply(iso(HOUR));
      case "slow":
        await x.sleep(between(ctx.random, 50, 600));
        return void (x.closed || reply(iso(HOUR)));
      case "stall":
        return void (await x.sleep(600_000));
      case "flood":
        x.res.writeHead(200, { "content-type": "text/xml" });
        return flood(x, between(ctx.random, 1, 64) * 1024 * 1024, 0x20);
      case "expired":
        return void reply(iso(-HOUR));
      case "error-echo":
        return void x.res
          .writeHead(refusal.status, { "content-type": "text/xml" })
          .end(`<ErrorResponse><Error><Type>Sender</Type><Code>${refusal.code}</Code><Message>Not accepted. You sent ${JSON.stringify(x.req.headers)} ${x.body}</Message></Error><RequestId>chaos</RequestId></ErrorResponse>`);
      case "reset":
        return void x.req.socket.resetAndDestroy();
    }
  });
}

/** What a call may end in when its credentials come from a loopback STS behaving as `mode` says. */
function stsOutcome(mode: SourceMode): Pick<CallPlan, "expect" | "boundMs" | "needsDeadline"> {
  const ok = mode === "ok" || mode === "slow";
  return {
    expect: ok ? ["done"] : mode === "expired" ? ["CredentialsExpiredError", "CredentialsError"] : ["CredentialsError"],
    boundMs: mode === "stall" || mode === "flood" ? 60_000 : 10_000,
    ...(mode === "stall" ? { needsDeadline: true } : {}),
  };
}

/** A role_arn profile whose source keys (with a session token) go to a loopback STS. */
function stsFault(mode: SourceMode): CallFault {
  return {
    name: `STS ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const s = ctx.secrets;
      const sts = await startLoopbackSts(ctx, mode, s.keys.sts, { status: 403, code: "AccessDenied" });
      await mkdir(join(ctx.dir, ".aws"), { recursive: true });
      await writeFile(join(ctx.dir, ".aws", "credentials"), `[base]\naws_access_key_id = ${s.base.accessKeyId}\naws_secret_access_key = ${s.base.secretAccessKey}\naws_session_token = ${s.base.sessionToken}\n`);
      await writeFile(join(ctx.dir, ".aws", "config"), `[profile chaosrole]\nrole_arn = arn:aws:iam::123456789012:role/chaos\nsource_profile = base\nregion = us-east-1\n`);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { ...noSources(ctx), AWS_PROFILE: "chaosrole", AWS_ENDPOINT_URL_STS: sts.url } },
        ...stsOutcome(mode),
        servers: [sts],
      };
    },
  };
}

/** How the web identity token file or its STS is wrong. */
type WebIdentityMode = SourceMode | "token-file-missing" | "token-file-empty" | "role-unset";

/** AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (EKS IRSA, GitHub OIDC) against a loopback STS (AssumeRoleWithWebIdentity). */
function webIdentityFault(mode: WebIdentityMode): CallFault {
  return {
    name: `web identity ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const s = ctx.secrets;
      const fileOrRole = mode === "token-file-missing" || mode === "token-file-empty" || mode === "role-unset";
      // The token is in the form body, so an echoing refusal shows it.
      const sts = await startLoopbackSts(ctx, fileOrRole ? "ok" : mode, s.keys.webIdentity, { status: 400, code: "InvalidIdentityToken" });
      const tokenFile = join(ctx.dir, "web-identity-token");
      if (mode !== "token-file-missing") await writeFile(tokenFile, mode === "token-file-empty" ? "" : `${s.webIdentityToken}\n`);
      const env: Record<string, string> = { ...noSources(ctx), AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ENDPOINT_URL_STS: sts.url, AWS_REGION: "us-east-1" };
      if (mode !== "role-unset") Object.assign(env, { AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/chaos-web-identity", AWS_ROLE_SESSION_NAME: "chaos" });
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env },
        ...(fileOrRole ? { expect: ["CredentialsError"], boundMs: 5_000 } : stsOutcome(mode)),
        servers: [sts],
      };
    },
  };
}

/** The EC2 instance metadata service (IMDSv2) on loopback. */
function imdsFault(mode: SourceMode): CallFault {
  return {
    name: `IMDS ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const k = ctx.secrets.keys.imds;
      const TOKEN = "AQAEAChaosImdsToken==";
      const imds = await startChaosServer("imds", async (x) => {
        const { req, res } = x;
        if (mode === "reset") return void req.socket.resetAndDestroy();
        if (req.method === "PUT" && req.url === "/latest/api/token") return void res.writeHead(200, { "content-type": "text/plain" }).end(TOKEN);
        if (mode === "error-echo") return void res.writeHead(503, { "content-type": "text/plain" }).end(`unavailable; you sent ${JSON.stringify(req.headers)}`);
        if (req.url === "/latest/meta-data/iam/security-credentials/") return void res.writeHead(200, { "content-type": "text/plain" }).end("chaos-role");
        if (req.url !== "/latest/meta-data/iam/security-credentials/chaos-role") return void res.writeHead(404).end();
        const doc = (expiration: string) => JSON.stringify({ Code: "Success", LastUpdated: iso(0), Type: "AWS-HMAC", AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey, Token: k.sessionToken, Expiration: expiration });
        switch (mode) {
          case "ok":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR)));
          case "slow":
            await x.sleep(between(ctx.random, 10, 300));
            return void (x.closed || res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR))));
          case "stall":
            res.writeHead(200, { "content-type": "application/json" });
            res.write(doc(iso(HOUR)).slice(0, 20));
            return void (await x.sleep(600_000));
          case "flood":
            res.writeHead(200, { "content-type": "application/json" });
            return flood(x, 64 * 1024 * 1024, 0x20);
          case "expired":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(-HOUR)));
        }
      });
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { HOME: ctx.dir, AWS_ENDPOINT_URL_STS: ctx.deadUrl, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } },
        expect: mode === "ok" || mode === "slow" ? ["done"] : mode === "expired" ? ["CredentialsExpiredError"] : mode === "reset" ? ["CredentialsNotFoundError"] : ["CredentialsError"],
        boundMs: 5_000,
        servers: [imds],
      };
    },
  };
}

/** A container credentials endpoint (ECS / EKS Pod Identity) on loopback, its token in a file ending in a newline. */
function containerFault(mode: SourceMode | "token-line-break"): CallFault {
  return {
    name: `container ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const k = ctx.secrets.keys.container;
      const token = ctx.secrets.containerAuthToken;
      const endpoint = await startChaosServer("container", async (x) => {
        const { req, res } = x;
        if (mode === "reset") return void req.socket.resetAndDestroy();
        if (req.headers.authorization !== token) return void res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "bad token" }));
        const doc = (expiration: string) => JSON.stringify({ AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey, Token: k.sessionToken, Expiration: expiration });
        switch (mode) {
          case "ok":
          case "token-line-break":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR)));
          case "slow":
            await x.sleep(between(ctx.random, 10, 300));
            return void (x.closed || res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(HOUR))));
          case "stall":
            return void (await x.sleep(600_000));
          case "flood":
            res.writeHead(200, { "content-type": "application/json" });
            return flood(x, between(ctx.random, 1, 64) * 1024 * 1024, 0x20);
          case "expired":
            return void res.writeHead(200, { "content-type": "application/json" }).end(doc(iso(-HOUR)));
          case "error-echo":
            return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ message: `failed for ${JSON.stringify(req.headers)}` }));
        }
      });
      const tokenFile = join(ctx.dir, "container-token");
      await writeFile(tokenFile, mode === "token-line-break" ? `${token.slice(0, 20)}\n${token.slice(20)}\n` : `${token}\n`);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { ...noSources(ctx), AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint.url}/v2/credentials/chaos`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile } },
        expect: mode === "ok" || mode === "slow" ? ["done"] : mode === "expired" ? ["CredentialsExpiredError", "CredentialsError"] : ["CredentialsError"],
        boundMs: 10_000,
        servers: [endpoint],
      };
    },
  };
}

/** A profile whose credential_process (a node script) prints credentials, sleeps, fails loudly or prints garbage. */
function processFault(mode: "ok" | "sleep" | "fail-echo" | "expired" | "garbage"): CallFault {
  return {
    name: `credential_process ${mode}`,
    category: "credentials",
    async setup(ctx) {
      const k = ctx.secrets.keys.process;
      const runs = join(ctx.dir, "runs.txt");
      const script = join(ctx.dir, "process.mjs");
      const creds = (expiration: string) => JSON.stringify({ Version: 1, AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey, SessionToken: k.sessionToken, Expiration: expiration });
      const body: Record<typeof mode, string> = {
        ok: `process.stdout.write(${JSON.stringify(creds(iso(HOUR)))});`,
        sleep: `setTimeout(() => process.stdout.write("{}"), 600_000);`,
        "fail-echo": `process.stderr.write(${JSON.stringify(`could not get credentials for ${k.secretAccessKey} / ${k.sessionToken}\n`)}); process.stdout.write(${JSON.stringify(k.sessionToken)}); process.exitCode = 1;`,
        expired: `process.stdout.write(${JSON.stringify(creds(iso(-HOUR)))});`,
        garbage: `process.stdout.write(${JSON.stringify(`not json: ${k.secretAccessKey} ${k.sessionToken}`)});`,
      };
      await writeFile(script, `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(runs)}, process.pid + "\\n");\n${body[mode]}\n`);
      await mkdir(join(ctx.dir, ".aws"), { recursive: true });
      await writeFile(join(ctx.dir, ".aws", "config"), `[profile chaosproc]\ncredential_process = "${process.execPath}" "${script}"\nregion = us-east-1\n`);
      return {
        endpoint: ctx.emulatorUrl,
        model: chaosModel(),
        options: { credentials: undefined, env: { ...noSources(ctx), AWS_PROFILE: "chaosproc" } },
        expect: mode === "ok" ? ["done"] : mode === "expired" ? ["CredentialsExpiredError"] : ["CredentialsError"],
        boundMs: 15_000,
        ...(mode === "sleep" ? { needsDeadline: true } : {}),
        servers: [],
        pids: async () =>
          (await readFile(runs, "utf8").catch(() => ""))
            .split("\n")
            .filter(Boolean)
            .map(Number),
      };
    },
  };
}

const otherCredentialFaults: CallFault[] = [
  emulatorFault("env credentials expired", "credentials", (ctx) => {
    const k = ctx.secrets.keys.static;
    const expired = iso(-between(ctx.random, 1, 1000) * 60_000);
    const env = { ...noSources(ctx), AWS_ACCESS_KEY_ID: k.accessKeyId, AWS_SECRET_ACCESS_KEY: k.secretAccessKey, AWS_SESSION_TOKEN: k.sessionToken, AWS_CREDENTIAL_EXPIRATION: expired };
    return { ownAuth: true, options: { credentials: undefined, env }, expect: ["CredentialsExpiredError"], boundMs: 3_000 };
  }),
  emulatorFault("env credentials half set", "credentials", (ctx) => ({
    ownAuth: true,
    options: { credentials: undefined, env: { ...noSources(ctx), AWS_ACCESS_KEY_ID: ctx.secrets.keys.static.accessKeyId, AWS_SESSION_TOKEN: ctx.secrets.keys.static.sessionToken } },
    expect: ["CredentialsError"],
    boundMs: 3_000,
  })),
  emulatorFault("no credentials anywhere", "credentials", (ctx) => ({ ownAuth: true, options: { credentials: undefined, env: noSources(ctx) }, expect: ["CredentialsNotFoundError"], boundMs: 5_000 })),
  emulatorFault("wrong secret key", "credentials", (ctx) => {
    const k = ctx.secrets.keys.static;
    return { ownAuth: true, options: { credentials: { ...k, secretAccessKey: ctx.secrets.wrongSecret } }, expect: ["AuthenticationError"], boundMs: 3_000 };
  }),
  emulatorFault("token expired once, refreshed", "credentials", (ctx) => {
    const k = ctx.secrets.keys.static;
    return {
      ownAuth: true,
      headers: { "x-chaos-once": ctx.id, "x-chaos-once-fault": "expired-token" },
      options: { credentials: async () => ({ credentials: { ...k, expiration: new Date(Date.now() + HOUR) }, source: "chaos provider" }) },
      expect: ["done"],
    };
  }),
];

export const credentialFaults: CallFault[] = [
  ...(["ok", "slow", "stall", "flood", "expired", "error-echo", "reset"] as const).map(stsFault),
  ...(["ok", "slow", "stall", "flood", "expired", "error-echo", "reset", "token-file-missing", "token-file-empty", "role-unset"] as const).map(webIdentityFault),
  ...(["ok", "slow", "stall", "flood", "expired", "error-echo", "reset"] as const).map(imdsFault),
  ...(["ok", "slow", "stall", "flood", "expired", "error-echo", "reset", "token-line-break"] as const).map(containerFault),
  ...(["ok", "sleep", "fail-echo", "expired", "garbage"] as const).map(processFault),
  ...otherCredentialFaults,
];
