/**
 * Fault catalogue, credentials: none found, an expired token (one refresh + retry), a metadata
 * service that is down (fails fast, asked once). Against the emulator, undici and fetch.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@streambed/emulator";
import { AuthenticationError, CredentialsError, CredentialsExpiredError, CredentialsNotFoundError, type DebugEntry } from "@streambed/core";
import { resetImdsCache } from "../../src/credentials/imds-source.js";
import { startImdsEmulator, startLoopback } from "../../src/credentials/loopback-servers.test-helper.js";
import { ask, clientFor, drain, faultModel, KEYS, runtimeCalls, textOf, TRANSPORTS } from "./harness.js";

let emulator: RunningEmulator;
let home: string;
const expiredOnce = new Set<string>();

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "streambed-faults-creds-"));
  emulator = await startEmulator({
    credentials: [KEYS],
    // `x-expire-once: <id>`: the first call with that id is answered 403 ExpiredTokenException.
    script: (info) => {
      const expired = { error: { status: 403, type: "ExpiredTokenException", message: "The security token included in the request is expired" } };
      if (info.headers["x-expire-always"]) return expired;
      const id = info.headers["x-expire-once"];
      if (!id || expiredOnce.has(id)) return undefined;
      expiredOnce.add(id);
      return expired;
    },
  });
});
afterAll(async () => {
  await emulator.close();
  await rm(home, { recursive: true, force: true });
});

/** An environment with nothing in it: an empty HOME, IMDS off. */
const emptyEnv = () => ({ HOME: home, AWS_EC2_METADATA_DISABLED: "true" });

describe.each(TRANSPORTS)("credentials (%s)", (transport) => {
  it("none found: CredentialsNotFoundError listing every source tried, nothing sent", async () => {
    const before = emulator.requests.length;
    const bedrock = clientFor(emulator, transport, { credentials: undefined, env: emptyEnv() });
    const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    const tried = (error as CredentialsNotFoundError).tried;
    expect(tried.map((t) => t.split(" — ")[0])).toEqual([
      "env: AWS_BEARER_TOKEN_BEDROCK",
      "env: AWS_ACCESS_KEY_ID",
      "profile: default",
      "web identity",
      "container",
      "instance role (IMDS)",
    ]);
    expect(tried[2]).toContain(join(home, ".aws", "config"));
    expect(tried[5]).toContain("AWS_EC2_METADATA_DISABLED");
    expect((error as Error).message).toContain("AWS_BEARER_TOKEN_BEDROCK");
    expect(emulator.requests.length).toBe(before);
    const described = await bedrock.credentials.describe();
    expect(described.source).toBe("none");
    await bedrock.close();
  });

  it("present but broken (AWS_ACCESS_KEY_ID without the secret): CredentialsError naming the source", async () => {
    const bedrock = clientFor(emulator, transport, { credentials: undefined, env: { ...emptyEnv(), AWS_ACCESS_KEY_ID: "AKIAHALFCONFIGURED01" } });
    const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ source: "env: AWS_ACCESS_KEY_ID" });
    expect((error as Error).message).toContain("AWS_SECRET_ACCESS_KEY");
    await bedrock.close();
  });

  it("AWS_CREDENTIAL_EXPIRATION in the past: CredentialsExpiredError, nothing signed or sent", async () => {
    const before = emulator.requests.length;
    const env = { ...emptyEnv(), AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, AWS_CREDENTIAL_EXPIRATION: "2020-01-01T00:00:00Z" };
    const bedrock = clientFor(emulator, transport, { credentials: undefined, env });
    const { events, error } = await drain(bedrock.stream(ask(faultModel(undefined))));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(CredentialsExpiredError);
    expect(error).toMatchObject({ code: "CredentialsExpired", source: "env: AWS_ACCESS_KEY_ID", expiration: new Date("2020-01-01T00:00:00Z") });
    expect((error as Error).message).toContain("AWS_CREDENTIAL_EXPIRATION");
    expect(emulator.requests.length).toBe(before);
    await bedrock.close();
  });

  it("instance role credentials served already expired: IMDS asked again before each call, CredentialsExpiredError, nothing sent", async () => {
    resetImdsCache();
    const imds = await startImdsEmulator({
      credentials: { AccessKeyId: "ASIAIMDSEXPIRED00001", SecretAccessKey: "imdsExpiredSecretKey/0123456789abcdefEXAMPLE", Token: "IQoJb3JpZ2luX2VjImdsExpiredTokenEXAMPLE" },
      expiration: () => new Date(Date.now() - 60_000).toISOString(),
    });
    try {
      const before = emulator.requests.length;
      const env = { HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url };
      const bedrock = clientFor(emulator, transport, { credentials: undefined, env });
      for (let call = 1; call <= 2; call++) {
        const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
        expect(error).toBeInstanceOf(CredentialsExpiredError);
        expect(error).toMatchObject({ source: "instance role (IMDS)" });
        expect(imds.requests).toHaveLength(3 * call);
      }
      expect(emulator.requests.length).toBe(before);
      await bedrock.close();
    } finally {
      await imds.close();
      resetImdsCache();
    }
  });

  it("expired token: the chain is refreshed once and the call retried; it succeeds", async () => {
    const before = emulator.requests.length;
    let loads = 0;
    const debug: DebugEntry[] = [];
    const provider = async () => {
      loads++;
      return { credentials: { ...KEYS, expiration: new Date(Date.now() + 3_600_000) }, source: "test provider" };
    };
    const bedrock = clientFor(emulator, transport, { credentials: provider, debug: (e) => debug.push(e) });
    const model = { ...faultModel(undefined), headers: { "x-expire-once": `${transport}-expired` } };
    const { events, error } = await drain(bedrock.stream(ask(model, "after a refresh")));
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe("after a refresh");
    expect(loads).toBe(2);
    expect(runtimeCalls(emulator, before).map((r) => r.status)).toEqual([403, 200]);
    expect(debug.some((e) => e.event === "credentials" && /refreshing once/.test(e.message))).toBe(true);
    await bedrock.close();
  });

  it("expired token again after the refresh: refreshed only once, then AuthenticationError ExpiredTokenException", async () => {
    const before = emulator.requests.length;
    let loads = 0;
    const bedrock = clientFor(emulator, transport, { credentials: async () => (loads++, { credentials: { ...KEYS, expiration: new Date(Date.now() + 3_600_000) }, source: "test provider" }) });
    const model = { ...faultModel(undefined), headers: { "x-expire-always": "1" } };
    const { error } = await drain(bedrock.stream(ask(model, "expired twice")));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "ExpiredTokenException", status: 403, retryable: false });
    expect((error as Error).message).toMatch(/credentials have expired: refresh them/);
    expect(loads).toBe(2);
    expect(runtimeCalls(emulator, before).map((r) => r.status)).toEqual([403, 403]);
    await bedrock.close();
  });
});

describe.each(TRANSPORTS)("metadata service down (%s)", (transport) => {
  it("refusing connections: CredentialsNotFoundError at once, the service asked once for many calls and clients", async () => {
    // A loopback "IMDS" that accepts each TCP connection and resets it at once, counting them.
    let connections = 0;
    const sockets = new Set<Socket>();
    const refusing = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    try {
      const env = { HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: url };
      const clients = [clientFor(emulator, transport, { credentials: undefined, env }), clientFor(emulator, transport, { credentials: undefined, env })];
      const outcomes = await Promise.all([0, 1, 2, 3].map((i) => drain(clients[i % 2]!.stream(ask(faultModel(undefined)))))); // concurrent
      const later = await drain(clients[0]!.stream(ask(faultModel(undefined)))); // and afterwards
      for (const { error } of [...outcomes, later]) {
        expect(error).toBeInstanceOf(CredentialsNotFoundError);
        const imdsLine = (error as CredentialsNotFoundError).tried.at(-1)!;
        expect(imdsLine).toMatch(/^instance role \(IMDS\) — /);
        expect(imdsLine).toContain(url);
        expect(imdsLine).not.toContain("no answer within"); // it failed on the reset, not on the 1 s budget
      }
      expect(connections).toBe(1);
      for (const c of clients) await c.close();
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  it("answering 503: CredentialsError naming the source and the status, at once (asked again on the next call: 503 is transient)", async () => {
    const imds = await startLoopback((_req, res) => void res.writeHead(503).end());
    try {
      const bedrock = clientFor(emulator, transport, { credentials: undefined, env: { HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } });
      const { error } = await drain(bedrock.stream(ask(faultModel(undefined))));
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error).toMatchObject({ source: "instance role (IMDS)" });
      expect((error as Error).message).toContain("HTTP 503");
      expect(imds.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["PUT /latest/api/token"]);
      await bedrock.close();
    } finally {
      await imds.close();
    }
  });
});
