import { CredentialsError, CredentialsExpiredError, CredentialsNotFoundError, createCredentialChain } from "@streambed/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IncomingMessage, ServerResponse } from "node:http";
import { IMDS_MAX_BODY_BYTES } from "./imds-client.js";
import { IMDS_TIMEOUT_MS, imdsEndpoint, instanceMetadataCredentialSource, resetImdsCache } from "./imds-source.js";
import { deadEndpoint, startImdsEmulator, startLoopback, type Loopback } from "./loopback-servers.test-helper.js";

const KEYS = { AccessKeyId: "ASIAIMDSEXAMPLE00001", SecretAccessKey: "imdsSecretKeyValue/0123456789abcdefEXAMPLE", Token: "IQoJb3JpZ2luX2VjImdsSessionTokenEXAMPLE" };
const HOUR = 60 * 60_000;

describe("instance role (IMDS)", () => {
  let imds: Loopback | undefined;
  let clock = Date.parse("2030-01-01T00:00:00Z");
  let expiration = clock + 6 * HOUR;
  beforeEach(async () => {
    resetImdsCache();
    clock = Date.parse("2030-01-01T00:00:00Z");
    expiration = clock + 6 * HOUR;
    imds = await startImdsEmulator({ credentials: KEYS, expiration: () => new Date(expiration).toISOString() });
  });
  afterEach(async () => {
    await imds?.close();
    resetImdsCache();
  });

  it("finds the instance role with no AWS_* variables but the endpoint; nothing is asked before get()", async () => {
    const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds!.url }, now: () => clock })], { now: () => clock });
    expect(imds!.requests).toHaveLength(0);
    const resolved = await chain.get();
    expect(resolved.source).toBe("instance role (IMDS)");
    expect(resolved.credentials).toEqual({
      accessKeyId: KEYS.AccessKeyId,
      secretAccessKey: KEYS.SecretAccessKey,
      sessionToken: KEYS.Token,
      expiration: new Date(expiration),
    });
    expect(imds!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /latest/api/token",
      "GET /latest/meta-data/iam/security-credentials/",
      "GET /latest/meta-data/iam/security-credentials/streambed-instance-role",
    ]);
    expect(imds!.requests[0]!.headers["x-aws-ec2-metadata-token-ttl-seconds"]).toBe("21600");
  });

  it("50 concurrent get() calls over 5 clients make one metadata load (3 requests), shared per process until expiry", async () => {
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds!.url };
    const chains = Array.from({ length: 5 }, () => createCredentialChain([instanceMetadataCredentialSource({ env, now: () => clock })], { now: () => clock }));
    await Promise.all(Array.from({ length: 50 }, (_, i) => chains[i % 5]!.get()));
    expect(imds!.requests).toHaveLength(3);
    clock += 5 * HOUR; // 1 h left: still cached
    await Promise.all(chains.map((c) => c.get()));
    expect(imds!.requests).toHaveLength(3);
    clock += 56 * 60_000; // 4 min left: inside the refresh window → one reload for everybody
    expiration = clock + 6 * HOUR;
    await Promise.all(Array.from({ length: 50 }, (_, i) => chains[i % 5]!.get()));
    expect(imds!.requests).toHaveLength(6);
  });

  it("a dead endpoint is 'not present' with a clear reason, fails within the ≤ 1 s budget, and is not hammered", async () => {
    expect(IMDS_TIMEOUT_MS).toBeLessThanOrEqual(1000);
    const dead = await deadEndpoint();
    const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: dead }, timeoutMs: 60_000 })]);
    const error = (await chain.get().catch((e: unknown) => e)) as CredentialsNotFoundError;
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.tried).toHaveLength(1);
    expect(error.tried[0]).toMatch(new RegExp(`^instance role \\(IMDS\\) — no instance metadata service at ${dead}: ECONNREFUSED`));
    const again = (await chain.get().catch((e: unknown) => e)) as CredentialsNotFoundError;
    expect(again.tried[0]).toContain("remembered");
  });

  it("a silent endpoint is abandoned when the (configured) budget runs out", async () => {
    const silent = await startLoopback(() => undefined); // accepts, never answers
    try {
      const source = instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: silent.url }, timeoutMs: 50 });
      const error = (await createCredentialChain([source]).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
      expect(error).toBeInstanceOf(CredentialsNotFoundError);
      expect(error.tried[0]).toContain("no answer within 50 ms");
      expect(silent.requests.length).toBeLessThanOrEqual(1);
    } finally {
      await silent.close();
    }
  });

  /** An IMDS that answers the token and the role name, then serves the credentials body with `body`. */
  function brokenCredentialsBody(body: (res: ServerResponse, req: IncomingMessage) => void): Promise<Loopback> {
    return startLoopback((req, res) => {
      if (req.method === "PUT") return void res.writeHead(200).end("AQAEAImdsSessionTokenValue==");
      if (req.url === "/latest/meta-data/iam/security-credentials/") return void res.writeHead(200).end("streambed-instance-role");
      res.writeHead(200, { "content-type": "application/json" });
      body(res, req);
    });
  }

  it("a credentials body flood is cut at 64 KiB: unhealthy (CredentialsError), the connection closed, and asked again on the next call", async () => {
    let closedAfter!: (sent: number) => void;
    const closed = new Promise<number>((resolve) => (closedAfter = resolve));
    const flood = await brokenCredentialsBody((res, req) => {
      const chunk = Buffer.alloc(16 * 1024, 0x41);
      let sent = 0;
      req.socket.once("close", () => closedAfter(sent));
      const pump = () => {
        while (!res.destroyed && sent < 1024 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
      };
      pump(); // would send 1 GiB: only the client's cap stops it
    });
    try {
      const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: flood.url } })]);
      const error = (await chain.get().catch((e: unknown) => e)) as CredentialsError;
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error).not.toBeInstanceOf(CredentialsNotFoundError);
      expect(error.source).toBe("instance role (IMDS)");
      expect(error.message).toBe(
        `The instance metadata service at ${flood.url} answered, but is unhealthy: its credentials reply is larger than ${IMDS_MAX_BODY_BYTES} bytes (a credentials document is about 1 KB); reading stopped there.`,
      );
      // The client hung up: the server stopped after what the socket buffers held, far from its 1 GiB.
      expect(await closed).toBeLessThan(64 * 1024 * 1024);
      const asked = flood.requests.length;
      await expect(chain.get()).rejects.toBeInstanceOf(CredentialsError); // not remembered as absent
      expect(flood.requests[asked]?.method).toBe("PUT"); // asked again
    } finally {
      await flood.close();
    }
  });

  it("a service that answered the token and role but stalls on the credentials body is unhealthy, not 'not present', and not remembered", async () => {
    const stall = await brokenCredentialsBody((res) => void res.write('{"Code":"Success",')); // then nothing
    try {
      // The default 1 s budget: ample for two loopback answers even on a loaded machine.
      const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: stall.url } })]);
      const error = (await chain.get().catch((e: unknown) => e)) as CredentialsError;
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error).not.toBeInstanceOf(CredentialsNotFoundError);
      expect(error.message).toBe(`The instance metadata service at ${stall.url} answered, but is unhealthy: its credentials reply did not complete within the ${IMDS_TIMEOUT_MS} ms budget.`);
      expect(stall.requests.map((r) => r.method)).toEqual(["PUT", "GET", "GET"]);
      // Not remembered as absent: the next call asks the service again (a new token PUT).
      const again = (await chain.get().catch((e: unknown) => e)) as CredentialsError;
      expect(again).toBeInstanceOf(CredentialsError);
      expect(again).not.toBeInstanceOf(CredentialsNotFoundError);
      expect(again.message).toContain("is unhealthy");
      expect(stall.requests[3]?.method).toBe("PUT");
    } finally {
      await stall.close();
    }
  });

  it("AWS_EC2_METADATA_DISABLED=true: never asked", async () => {
    const source = instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds!.url, AWS_EC2_METADATA_DISABLED: "TRUE" } });
    const error = (await createCredentialChain([source]).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
    expect(error.tried).toEqual(["instance role (IMDS) — AWS_EC2_METADATA_DISABLED=true"]);
    expect(imds!.requests).toHaveLength(0);
  });

  it("an instance without a role is 'not present'", async () => {
    const bare = await startImdsEmulator({ credentials: KEYS, expiration: () => "2030-01-01T06:00:00Z", role: null });
    try {
      const source = instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: bare.url } });
      const error = (await createCredentialChain([source]).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
      expect(error.tried[0]).toBe(`instance role (IMDS) — ${bare.url}: the instance has no IAM role attached`);
    } finally {
      await bare.close();
    }
  });

  it("a service that answers 403 to everything (IMDS disabled on the host) is 'no instance role here': the chain goes on to CredentialsNotFoundError, as the AWS SDK does", async () => {
    // IMDS turned off (`http-endpoint disabled`) answers 403 Forbidden: the token PUT, then (IMDSv1 fallback) the role name.
    const disabled = await startLoopback((_req, res) => void res.writeHead(403, { "content-type": "text/plain" }).end("Forbidden"));
    try {
      const source = instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: disabled.url } });
      const error = (await createCredentialChain([source]).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
      expect(error).toBeInstanceOf(CredentialsNotFoundError);
      expect(error.tried).toEqual([`instance role (IMDS) — ${disabled.url}: the instance metadata service answered HTTP 403: it is disabled on this instance`]);
      expect(disabled.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/"]);
      // Remembered like any "not present": not asked again on the next call.
      const again = (await createCredentialChain([source]).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
      expect(again.tried[0]).toContain("remembered");
      expect(disabled.requests).toHaveLength(2);
    } finally {
      await disabled.close();
    }
  });

  it("falls back to IMDSv1 when the token PUT is refused with 405, unless AWS_EC2_METADATA_V1_DISABLED=true", async () => {
    const v1 = await startImdsEmulator({ credentials: KEYS, expiration: () => "2030-01-01T06:00:00Z", tokenStatus: 405 });
    try {
      const ok = await createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: v1.url }, now: () => clock })]).get();
      expect(ok.credentials).toMatchObject({ accessKeyId: KEYS.AccessKeyId });
      expect(v1.requests[1]!.headers["x-aws-ec2-metadata-token"]).toBeUndefined();
      resetImdsCache();
      const source = instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: v1.url, AWS_EC2_METADATA_V1_DISABLED: "true" } });
      const error = (await createCredentialChain([source]).get().catch((e: unknown) => e)) as CredentialsNotFoundError;
      expect(error.tried[0]).toContain("AWS_EC2_METADATA_V1_DISABLED=true");
    } finally {
      await v1.close();
    }
  });

  it("credentials served close to expiry are not re-fetched on every call (at most once a minute)", async () => {
    expiration = clock + 2 * 60_000; // inside the 5-minute window from the start
    const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds!.url }, now: () => clock })], { now: () => clock });
    for (let i = 0; i < 10; i++) await chain.get();
    expect(imds!.requests).toHaveLength(3);
    clock += 61_000;
    await chain.get();
    expect(imds!.requests).toHaveLength(6);
  });

  it("credentials IMDS serves already expired are never used: asked again at each call, CredentialsExpiredError until it serves fresh ones", async () => {
    expiration = clock - 60_000; // a stale document (e.g. IMDS could not rotate them)
    const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds!.url }, now: () => clock })], { now: () => clock });
    const error = (await chain.get().catch((e: unknown) => e)) as CredentialsExpiredError;
    expect(error).toBeInstanceOf(CredentialsExpiredError);
    expect(error).toMatchObject({ source: "instance role (IMDS)", expiration: new Date(expiration) });
    expect(error.message).toContain(`expired at ${new Date(expiration).toISOString()} (60 s ago)`);
    expect(error.message).toContain("clock");
    await expect(chain.get()).rejects.toBeInstanceOf(CredentialsExpiredError);
    expect(imds!.requests).toHaveLength(6); // refreshed before each use, not served from a cache
    expiration = clock + 6 * HOUR; // rotated
    expect((await chain.get()).credentials).toMatchObject({ accessKeyId: KEYS.AccessKeyId, expiration: new Date(expiration) });
    expect(imds!.requests).toHaveLength(9);
  });

  it("cached IMDS credentials past their expiration are fetched again before use", async () => {
    const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds!.url }, now: () => clock })], { now: () => clock });
    await chain.get();
    clock += 7 * HOUR; // past the 6 h expiration
    expiration = clock + 6 * HOUR;
    expect((await chain.get()).credentials.expiration).toEqual(new Date(expiration));
    expect(imds!.requests).toHaveLength(6);
  });

  it("invalidate() after an expired-token error asks IMDS again", async () => {
    const chain = createCredentialChain([instanceMetadataCredentialSource({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds!.url }, now: () => clock })], { now: () => clock });
    await chain.get();
    chain.invalidate();
    await chain.get();
    expect(imds!.requests).toHaveLength(6);
  });

  it("endpoint: AWS_EC2_METADATA_SERVICE_ENDPOINT, IPv6 mode, IPv4 default; a bad URL is a ConfigError naming the variable", () => {
    expect(imdsEndpoint({})).toBe("http://169.254.169.254");
    expect(imdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: "IPv6" })).toBe("http://[fd00:ec2::254]");
    expect(imdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "http://127.0.0.1:1338/" })).toBe("http://127.0.0.1:1338");
    expect(() => imdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: "nope" })).toThrow(/AWS_EC2_METADATA_SERVICE_ENDPOINT/);
  });
});
