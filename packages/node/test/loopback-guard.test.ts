/**
 * The loopback guard every test runs under (scripts/test-guard, loaded by vitest.config.ts): a
 * connection off loopback fails with its error before any DNS query or socket exists, is recorded
 * even when swallowed, fails the test that made it, and reaches child processes; loopback still works.
 */
import { createHook } from "node:async_hooks";
import { execFile, spawnSync } from "node:child_process";
import dns from "node:dns";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { fileURLToPath } from "node:url";
import { fromInstanceMetadata } from "@aws-sdk/credential-providers";
import { CredentialsNotFoundError } from "@streambed/core";
import { fetch as undiciFetch, request as undiciRequest } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedChildEnv, LOOPBACK_GUARD } from "../../../scripts/test-guard/child-env.mjs";
import { acknowledgeLoopbackGuardAttempts, GUARD_ERROR_CODE, loopbackGuardAttempts, NEUTRALISED_ENDPOINT_VARS, REFUSED_ENDPOINT } from "../../../scripts/test-guard/loopback-guard.mjs";
import { resetImdsCache } from "../src/credentials/imds-source.js";
import { createNodeCredentialChain } from "../src/credentials/node-credential-chain.js";

const IMDS = "169.254.169.254:80";
const message = (target: string) => `streambed test guard: connection to ${target} refused — tests may only use loopback (127.0.0.1/::1/localhost)`;

/**
 * Resource types of a request that puts something on the wire: a TCP connect, a datagram, a DNS
 * lookup or query. (A TCPWRAP/TLSWRAP handle alone sends nothing: libuv opens no OS socket until
 * connect; tls.connect makes one before calling connect.)
 */
const NETWORK_RESOURCE = /^(TCPCONNECTWRAP|UDPSENDWRAP|GETADDRINFOREQWRAP|GETNAMEINFOREQWRAP|QUERY\w*WRAP)$/;

/** Runs `attempt` and returns its error plus every network resource created meanwhile (none may be). */
type GuardError = Error & { code?: string; cause?: GuardError };

async function refused(attempt: () => Promise<unknown>): Promise<{ error: GuardError; resources: string[] }> {
  const resources: string[] = [];
  const hook = createHook({ init: (_id, type) => void (NETWORK_RESOURCE.test(type) && resources.push(type)) }).enable();
  try {
    await attempt();
  } catch (error) {
    return { error: error as GuardError, resources };
  } finally {
    hook.disable();
  }
  throw new Error("the connection was not refused");
}

const connected = (socket: net.Socket, event = "connect") =>
  new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once(event, () => {
      socket.destroy();
      resolve();
    });
  });

let server: http.Server;
let loopbackPort = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => res.end("loopback ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  loopbackPort = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("loopback guard: refused before any socket or DNS query", () => {
  it("net.connect to the EC2 instance metadata address", async () => {
    const { error, resources } = await refused(() => connected(net.connect(80, "169.254.169.254")));
    expect(error.code).toBe(GUARD_ERROR_CODE);
    expect(error.message).toBe(message(IMDS));
    expect(resources).toEqual([]);
    expect(acknowledgeLoopbackGuardAttempts(IMDS)).toHaveLength(1);
  });

  it("a host name (example.com) over net, tls and http: refused before the DNS lookup", async () => {
    for (const attempt of [
      () => connected(net.connect({ host: "example.com", port: 443 })),
      () => connected(tls.connect({ host: "example.com", port: 443, servername: "example.com" }), "secureConnect"),
      () => new Promise((resolve, reject) => http.get("http://example.com/", resolve).on("error", reject)),
    ]) {
      const { error, resources } = await refused(attempt);
      expect(error.code).toBe(GUARD_ERROR_CODE);
      expect(resources).toEqual([]);
    }
    expect(acknowledgeLoopbackGuardAttempts("example.com:")).toHaveLength(3);
  });

  it("undici (request and fetch) and Node's built-in fetch, IPv4 and IPv6 link-local", async () => {
    for (const [attempt, target] of [
      [() => undiciRequest(`http://${IMDS}/latest/api/token`, { method: "PUT" }), IMDS],
      [() => undiciFetch("https://example.com/"), "example.com:443"],
      [() => fetch(`http://${IMDS}/latest/meta-data/`), IMDS],
      [() => fetch("http://[fd00:ec2::254]/latest/meta-data/"), "[fd00:ec2::254]:80"],
    ] as const) {
      const { error, resources } = await refused(attempt);
      const guardError = error.code === GUARD_ERROR_CODE ? error : error.cause; // fetch: TypeError("fetch failed", { cause })
      expect(guardError?.code).toBe(GUARD_ERROR_CODE);
      expect(guardError?.message).toBe(message(target));
      expect(resources).toEqual([]);
      expect(acknowledgeLoopbackGuardAttempts(target)).toHaveLength(1);
    }
  });

  it("DNS: lookups and resolver queries of outside names, and UDP to an outside address", async () => {
    const { lookup, resolve4 } = dns.promises;
    for (const attempt of [
      () => lookup("example.com"),
      () => new Promise((resolve, reject) => dns.lookup("example.com", (e, a) => (e ? reject(e) : resolve(a)))),
      () => resolve4("example.com"),
      () => new dns.promises.Resolver().resolveTxt("example.com"),
    ]) {
      const { error, resources } = await refused(attempt);
      expect(error.code).toBe(GUARD_ERROR_CODE);
      expect(error.message).toMatch(/^streambed test guard: DNS (lookup of|query for) example\.com refused/);
      expect(resources).toEqual([]);
    }
    expect(acknowledgeLoopbackGuardAttempts("example.com")).toHaveLength(4);
    const { createSocket } = await import("node:dgram");
    const udp = createSocket("udp4");
    const { error } = await refused(() => new Promise<void>((resolve, reject) => udp.send("x", 53, "192.0.2.53", (e) => (e ? reject(e) : resolve()))));
    udp.close();
    expect(error.code).toBe(GUARD_ERROR_CODE);
    expect(acknowledgeLoopbackGuardAttempts("192.0.2.53:53")).toHaveLength(1);
  });

  it("a lookup of the test's own is asked, and its answer must be loopback", async () => {
    const answer = (address: string) => (_host: string, options: dns.LookupOptions, cb: (...a: unknown[]) => void) =>
      options.all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4);
    const outside = await refused(() => connected(net.connect({ host: "bedrock-runtime.test", port: loopbackPort, lookup: answer("192.0.2.1") as never })));
    expect(outside.error.message).toBe(`streambed test guard: connection to bedrock-runtime.test:${loopbackPort} (resolved to 192.0.2.1) refused — tests may only use loopback (127.0.0.1/::1/localhost)`);
    expect(acknowledgeLoopbackGuardAttempts("bedrock-runtime.test")).toHaveLength(1);
    await connected(net.connect({ host: "bedrock-runtime.test", port: loopbackPort, lookup: answer("127.0.0.1") as never }));
  });
});

describe("loopback guard: loopback still works", () => {
  it("(control) the resource watch above sees a real connect and a real lookup", async () => {
    const resources: string[] = [];
    const hook = createHook({ init: (_id, type) => void (NETWORK_RESOURCE.test(type) && resources.push(type)) }).enable();
    try {
      await connected(net.connect({ port: loopbackPort, host: "localhost", family: 4 }));
    } finally {
      hook.disable();
    }
    expect(resources).toEqual(["GETADDRINFOREQWRAP", "TCPCONNECTWRAP"]);
  });

  it("127.0.0.1, localhost and the default host over net, http, undici and fetch", async () => {
    await connected(net.connect(loopbackPort, "127.0.0.1"));
    await connected(net.connect({ port: loopbackPort, host: "localhost", family: 4 }));
    await connected(net.connect({ port: loopbackPort, family: 4 }));
    const body = await new Promise<string>((resolve, reject) =>
      http.get(`http://localhost:${loopbackPort}/`, { family: 4 }, (res) => res.setEncoding("utf8").on("data", resolve)).on("error", reject),
    );
    expect(body).toBe("loopback ok");
    expect(await (await undiciRequest(`http://127.0.0.1:${loopbackPort}/`)).body.text()).toBe("loopback ok");
    expect(await (await fetch(`http://127.0.0.1:${loopbackPort}/`)).text()).toBe("loopback ok");
    expect(await (await undiciFetch(`http://127.0.0.1:${loopbackPort}/`)).text()).toBe("loopback ok");
    expect((await dns.promises.lookup("localhost", { family: 4 })).address).toBe("127.0.0.1");
  });

  it("::1, where the machine has IPv6 loopback", async () => {
    const v6 = net.createServer((c) => c.end());
    const listening = await new Promise<boolean>((resolve) => {
      v6.once("error", () => resolve(false));
      v6.listen(0, "::1", () => resolve(true));
    });
    if (!listening) return; // no ::1 here: nothing to connect to
    await connected(net.connect((v6.address() as AddressInfo).port, "::1"));
    await new Promise((resolve) => v6.close(resolve));
  });
});

describe("loopback guard: credential endpoints and the instance metadata service", () => {
  it("unset credential endpoints point at a loopback port that refuses", async () => {
    for (const name of NEUTRALISED_ENDPOINT_VARS) expect(process.env[name], name).toBe(REFUSED_ENDPOINT);
    const { port } = new URL(REFUSED_ENDPOINT);
    const error = await connected(net.connect(Number(port), "127.0.0.1")).catch((e: NodeJS.ErrnoException) => e);
    expect((error as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
    expect(process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).toBeUndefined(); // never set: it would enable the container source
  });

  it("the AWS SDK's and streambed's IMDS clients ask the refused loopback port under process.env", async () => {
    await expect(fromInstanceMetadata({ timeout: 500, maxRetries: 0 })()).rejects.toThrow();
    resetImdsCache();
    const chain = createNodeCredentialChain({ env: { ...process.env, HOME: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" } }, { timeoutMs: 500 });
    const error = await chain.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(String((error as Error).message)).toContain(`no instance metadata service at ${REFUSED_ENDPOINT}: ECONNREFUSED`);
    expect(loopbackGuardAttempts().filter((a) => !a.expected)).toEqual([]);
  });

  it("an env without the endpoint (and IMDS not disabled) reaches 169.254.169.254: the guard refuses and records it", async () => {
    resetImdsCache();
    const chain = createNodeCredentialChain({ env: { HOME: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" } }, { timeoutMs: 500 });
    const error = await chain.get().catch((e: unknown) => e);
    resetImdsCache();
    // The chain swallows it as "no instance metadata service"; the recorded attempt is what fails such a test.
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(String((error as Error).message)).toContain(`no instance metadata service at http://169.254.169.254: ${GUARD_ERROR_CODE}`);
    expect(acknowledgeLoopbackGuardAttempts(IMDS).length).toBeGreaterThanOrEqual(1);
  });
});

describe("loopback guard: child processes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "streambed-guard-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const CHILD = `
    const net = require("node:net");
    const codes = {};
    const s = net.connect(80, "169.254.169.254");
    s.on("error", (e) => { codes.net = e.code; fetch("https://example.com/").catch((e) => { codes.fetch = e.cause?.code; console.log(JSON.stringify({ codes, imds: process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT })); }); });
  `;
  const run = (env: Record<string, string>) =>
    new Promise<{ stdout: string; stderr: string }>((resolve) => execFile(process.execPath, ["-e", CHILD], { env }, (_e, stdout, stderr) => resolve({ stdout, stderr })));
  const logged = async (log: string) =>
    (await readFile(log, "utf8").catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { target: string }).target);

  it("a node child with guardedChildEnv's NODE_OPTIONS is guarded, and its attempts reach the test's log", async () => {
    const log = join(dir, "guarded.log");
    const env = guardedChildEnv({ PATH: process.env.PATH ?? "", STREAMBED_TEST_GUARD_LOG: log });
    expect(env.NODE_OPTIONS).toContain(`--import file://${LOOPBACK_GUARD}`);
    const { stdout, stderr } = await run(env);
    expect(JSON.parse(stdout)).toEqual({ codes: { net: GUARD_ERROR_CODE, fetch: GUARD_ERROR_CODE }, imds: REFUSED_ENDPOINT });
    expect(stderr).toContain(message(IMDS));
    expect(await logged(log)).toEqual([IMDS, "example.com:443"]);
  });

  it("a child given an env without NODE_OPTIONS is guarded all the same (spawn and spawnSync)", async () => {
    const log = join(dir, "bare.log");
    const { stdout } = await run({ PATH: process.env.PATH ?? "", STREAMBED_TEST_GUARD_LOG: log });
    expect(JSON.parse(stdout).codes).toEqual({ net: GUARD_ERROR_CODE, fetch: GUARD_ERROR_CODE });
    const sync = spawnSync(process.execPath, ["-e", CHILD], { env: { PATH: process.env.PATH ?? "", STREAMBED_TEST_GUARD_LOG: log }, encoding: "utf8" });
    expect(JSON.parse(sync.stdout).codes).toEqual({ net: GUARD_ERROR_CODE, fetch: GUARD_ERROR_CODE });
    expect(await logged(log)).toEqual([IMDS, "example.com:443", IMDS, "example.com:443"]);
  });

  const python = spawnSync("python3", ["-c", "print(1)"], { encoding: "utf8" }).status === 0;
  it.skipIf(!python)("a python child with guardedChildEnv(…, { python: true }) is guarded; loopback works", async () => {
    const log = join(dir, "python.log");
    const script = `
import json, os, socket
out = {"imds_disabled": os.environ.get("AWS_EC2_METADATA_DISABLED"), "imds": os.environ.get("AWS_EC2_METADATA_SERVICE_ENDPOINT")}
for name, target in [("ip", ("169.254.169.254", 80)), ("name", ("example.com", 443))]:
    try:
        socket.create_connection(target, timeout=2)
        out[name] = "connected"
    except OSError as e:
        out[name] = str(e)
socket.create_connection(("127.0.0.1", int(os.environ["PORT"])), timeout=2).close()
out["loopback"] = "ok"
print(json.dumps(out))
`;
    const env = guardedChildEnv({ PATH: process.env.PATH ?? "", HOME: dir, PORT: String(loopbackPort), STREAMBED_TEST_GUARD_LOG: log }, { python: true });
    const result = spawnSync("python3", ["-c", script], { env, encoding: "utf8" });
    expect(JSON.parse(result.stdout)).toEqual({
      imds_disabled: "true",
      imds: REFUSED_ENDPOINT,
      ip: message(IMDS),
      name: "streambed test guard: DNS lookup of example.com refused — tests may only use loopback (127.0.0.1/::1/localhost)",
      loopback: "ok",
    });
    expect(await logged(log)).toEqual([IMDS, "example.com"]);
  });
});

describe("loopback guard: a test that swallows the refusal still fails", () => {
  it("vitest-setup.mjs fails the test that tried (and only that one)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "streambed-guard-fixture-"));
    try {
      const fixture = fileURLToPath(new URL("fixtures/loopback-guard/", import.meta.url));
      const report = join(dir, "report.json");
      const log = join(dir, "escaped.log");
      await writeFile(log, "");
      const vitest = fileURLToPath(new URL("../../../node_modules/vitest/vitest.mjs", import.meta.url));
      const result = spawnSync(process.execPath, [vitest, "run", "--root", fixture, "--config", join(fixture, "vitest.fixture.config.mjs"), "--reporter=json", `--outputFile=${report}`], {
        env: { ...process.env, STREAMBED_TEST_GUARD_LOG: log },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      const json = JSON.parse(await readFile(report, "utf8")) as { testResults: Array<{ assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }> };
      const tests = json.testResults.flatMap((f) => f.assertionResults);
      expect(tests.map((t) => [t.title, t.status])).toEqual([
        ["swallows a refused IMDS request", "failed"],
        ["uses loopback only", "passed"],
      ]);
      expect(tests[0]!.failureMessages.join("\n")).toContain(`streambed test guard: 1 non-loopback connection attempt(s) during this test — tests may only use loopback:\n  ${message(IMDS)}`);
      expect(await readFile(log, "utf8")).toBe(""); // the nested run kept its attempts in its own log
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
