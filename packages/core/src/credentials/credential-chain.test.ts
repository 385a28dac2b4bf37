import { describe, expect, it } from "vitest";
import { AbortError, TimeoutError } from "@streambed/transport";
import { CredentialsError, CredentialsNotFoundError } from "../errors/index.js";
import type { Credentials } from "../types/credentials.js";
import { cachedCredentials, createCredentialChain, type CredentialChain } from "./credential-chain.js";
import type { CredentialSourceProvider } from "./credential-source.js";
import { envCredentialSources } from "./env-credential-sources.js";
import { explicitCredentialSource } from "./explicit-credential-source.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
const TOKEN = "FwoGZXIvYXdzSESSIONTOKENSESSIONTOKEN";
const BEARER = "ABSKQmVkcm9ja0FQSUtleS1BEARERTOKEN";

/** A source that counts loads and hands out keys expiring at `expiresAt()`. */
function countingSource(label: string, expiresAt: () => number | undefined, gate?: Promise<void>) {
  let loads = 0;
  const source: CredentialSourceProvider & { loads: () => number } = {
    label,
    loads: () => loads,
    async load() {
      loads++;
      await gate;
      const exp = expiresAt();
      return { accessKeyId: `AKIA00000000000${loads}`, secretAccessKey: SECRET, sessionToken: TOKEN, ...(exp ? { expiration: new Date(exp) } : {}) };
    },
  };
  return source;
}

describe("createCredentialChain — order", () => {
  const full = {
    AWS_BEARER_TOKEN_BEDROCK: BEARER,
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: TOKEN,
  };

  it("explicit beats the bearer token, which beats the access keys", async () => {
    const explicit = explicitCredentialSource({ accessKeyId: "AKIAEXPLICITKEY00001", secretAccessKey: SECRET });
    expect((await createCredentialChain([explicit, ...envCredentialSources(full)]).get()).source).toBe("explicit");
    const bearer = await createCredentialChain(envCredentialSources(full)).get();
    expect(bearer).toEqual({ source: "env: AWS_BEARER_TOKEN_BEDROCK", credentials: { bearerToken: BEARER } });
    const { AWS_BEARER_TOKEN_BEDROCK: _, ...keysOnly } = full;
    const keys = await createCredentialChain(envCredentialSources(keysOnly)).get();
    expect(keys).toEqual({
      source: "env: AWS_ACCESS_KEY_ID",
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET, sessionToken: TOKEN },
    });
  });

  it("an env step wins over every lower source, which is never asked", async () => {
    const lower = countingSource("profile: default", () => undefined);
    const chain = createCredentialChain([...envCredentialSources({ AWS_BEARER_TOKEN_BEDROCK: BEARER }), lower]);
    expect((await chain.get()).source).toBe("env: AWS_BEARER_TOKEN_BEDROCK");
    expect(lower.loads()).toBe(0);
  });

  it("reads AWS_CREDENTIAL_EXPIRATION with the keys", async () => {
    const chain = createCredentialChain(
      envCredentialSources({ AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00Z" }),
    );
    expect((await chain.get()).credentials.expiration?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("AWS_ACCESS_KEY_ID without the secret is a clear CredentialsError, not skipped", async () => {
    const lower = countingSource("instance role (IMDS)", () => undefined);
    const chain = createCredentialChain([...envCredentialSources({ AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" }), lower]);
    const error = await chain.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).message).toMatch(/AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not/);
    expect((error as CredentialsError).source).toBe("env: AWS_ACCESS_KEY_ID");
    expect(lower.loads()).toBe(0);
    const reverse = createCredentialChain(envCredentialSources({ AWS_SECRET_ACCESS_KEY: SECRET }));
    const e2 = (await reverse.get().catch((e: unknown) => e)) as Error;
    expect(e2).toBeInstanceOf(CredentialsError);
    expect(e2.message).not.toContain(SECRET);
  });

  it("nothing found → CredentialsNotFoundError listing every source tried, in order", async () => {
    const absent: CredentialSourceProvider = { label: "instance role (IMDS)", absent: "AWS_EC2_METADATA_DISABLED=true", load: async () => undefined };
    const chain = createCredentialChain([...envCredentialSources({ AWS_BEARER_TOKEN_BEDROCK: "  " }), absent]);
    const error = (await chain.get().catch((e: unknown) => e)) as CredentialsNotFoundError;
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.tried).toEqual([
      "env: AWS_BEARER_TOKEN_BEDROCK — not set",
      "env: AWS_ACCESS_KEY_ID — not set",
      "instance role (IMDS) — AWS_EC2_METADATA_DISABLED=true",
    ]);
    expect(error.message).toContain("instance role (IMDS) — AWS_EC2_METADATA_DISABLED=true");
    expect(await chain.describe()).toEqual({ source: "none", kind: "none", tried: error.tried });
  });

  it("a provider option: ResolvedCredentials or plain AWS SDK identity; bad shapes are CredentialsErrors", async () => {
    const viaResolved = explicitCredentialSource(async () => ({ source: "mine", credentials: { bearerToken: BEARER } }));
    expect((await createCredentialChain([viaResolved]).get()).credentials).toEqual({ bearerToken: BEARER });
    const viaIdentity = explicitCredentialSource((async () => ({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET })) as never);
    expect((await createCredentialChain([viaIdentity]).get()).source).toBe("explicit");
    const bad = explicitCredentialSource({ accessKeyId: "AKIAIOSFODNN7EXAMPLE" } as Credentials);
    await expect(createCredentialChain([bad]).get()).rejects.toThrow(/incomplete/);
    const failing = explicitCredentialSource(async () => {
      throw new Error(`boom ${SECRET}`);
    });
    const error = (await createCredentialChain([failing]).get().catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).not.toContain(SECRET);
  });
});

describe("createCredentialChain — cache, expiry, refresh", () => {
  it("caches until 5 minutes before expiration, then refreshes once for 50 concurrent callers", async () => {
    let clock = 1_000_000;
    const source = countingSource("container", () => clock + 60 * 60_000);
    const chain = createCredentialChain([source], { now: () => clock });
    const first = await chain.get();
    expect(source.loads()).toBe(1);
    clock += 54 * 60_000; // 6 min before expiry: still cached
    expect(await chain.get()).toBe(first);
    expect(source.loads()).toBe(1);
    clock += 2 * 60_000; // 4 min before expiry: inside the refresh window
    const all = await Promise.all(Array.from({ length: 50 }, () => chain.get()));
    expect(source.loads()).toBe(2);
    expect(new Set(all).size).toBe(1);
    expect(all[0]).not.toBe(first);
  });

  it("50 concurrent first calls share one load", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const source = countingSource("instance role (IMDS)", () => undefined, gate);
    const chain = createCredentialChain([source]);
    const pending = Promise.all(Array.from({ length: 50 }, () => chain.get()));
    release();
    const all = await pending;
    expect(source.loads()).toBe(1);
    expect(new Set(all.map((r) => r.credentials)).size).toBe(1);
  });

  it("expired credentials are reloaded; a failed refresh inside the window keeps the still-valid ones", async () => {
    let clock = 0;
    let fail = false;
    const source: CredentialSourceProvider = {
      label: "web identity",
      async load() {
        if (fail) throw new CredentialsError("STS unreachable", { source: "web identity" });
        return { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET, expiration: new Date(clock + 10 * 60_000) };
      },
    };
    const chain = createCredentialChain([source], { now: () => clock });
    const first = await chain.get();
    clock += 7 * 60_000; // inside the window, not expired
    fail = true;
    expect(await chain.get()).toBe(first);
    clock += 4 * 60_000; // expired
    await expect(chain.get()).rejects.toThrow("STS unreachable");
    fail = false;
    expect((await chain.get()).credentials.expiration?.getTime()).toBe(clock + 10 * 60_000);
  });

  it("get({ signal }): an aborted caller stops waiting with a CredentialsError naming the source; the shared load goes on for the others", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const signals: AbortSignal[] = [];
    const source: CredentialSourceProvider = {
      label: "profile: slowrole",
      async load(options) {
        signals.push(options!.signal!);
        await gate;
        return { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET };
      },
    };
    const chain = createCredentialChain([source]);
    const leaving = new AbortController();
    const left = chain.get({ signal: leaving.signal });
    const staying = chain.get({ signal: new AbortController().signal });
    const plain = chain.get();
    leaving.abort(new TimeoutError("total", 3000));
    const error = (await left.catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.source).toBe("profile: slowrole");
    expect(error.message).toContain("did not finish: the call's total timeout (3000 ms) ran out first");
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false); // others still wait: the load is not stopped
    release();
    expect((await staying).source).toBe("profile: slowrole");
    expect((await plain).source).toBe("profile: slowrole");
    expect(signals).toHaveLength(1);
  });

  it("get({ signal }): when every waiter has left, the load is aborted (the source sees it) and the next get() starts a new one", async () => {
    const signals: AbortSignal[] = [];
    const source: CredentialSourceProvider = {
      label: "profile: sleepy",
      load(options) {
        signals.push(options!.signal!);
        if (signals.length === 1) return new Promise<never>(() => undefined); // the first load never finishes
        return Promise.resolve({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET });
      },
    };
    const chain = createCredentialChain([source]);
    const a = new AbortController();
    const b = new AbortController();
    const first = chain.get({ signal: a.signal });
    const second = chain.get({ signal: b.signal });
    a.abort(new AbortError());
    await expect(first).rejects.toMatchObject({ name: "CredentialsError", source: "profile: sleepy" });
    expect(signals[0]!.aborted).toBe(false);
    b.abort(new AbortError());
    await expect(second).rejects.toThrow(/profile: sleepy did not finish: the caller aborted the call/);
    expect(signals[0]!.aborted).toBe(true);
    expect((await chain.get()).source).toBe("profile: sleepy");
    expect(signals).toHaveLength(2);
    // An already-aborted signal never starts anything.
    const done = new AbortController();
    done.abort(new AbortError());
    chain.invalidate();
    await expect(chain.get({ signal: done.signal })).rejects.toBeInstanceOf(CredentialsError);
    expect(signals).toHaveLength(2);
  });

  it("invalidate() makes the next get() reload and tells the sources", async () => {
    let invalidated = 0;
    const source = Object.assign(countingSource("sso: dev", () => undefined), { invalidate: () => void invalidated++ });
    const chain = createCredentialChain([source]);
    await chain.get();
    await chain.get();
    expect(source.loads()).toBe(1);
    chain.invalidate();
    expect(invalidated).toBe(1);
    await chain.get();
    expect(source.loads()).toBe(2);
  });

  it("describe() shows kind, source, masked key id and expiration — never a secret", async () => {
    const chain = createCredentialChain(
      envCredentialSources({
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00Z",
      }),
    );
    const description = await chain.describe();
    expect(description).toEqual({
      source: "env: AWS_ACCESS_KEY_ID",
      kind: "sigv4",
      accessKeyId: "****MPLE",
      hasSessionToken: true,
      expiration: "2030-01-01T00:00:00.000Z",
    });
    const text = JSON.stringify(description);
    for (const secret of [SECRET, TOKEN, "AKIAIOSFODNN7EXAMPLE"]) expect(text).not.toContain(secret);
    const bearer = await createCredentialChain(envCredentialSources({ AWS_BEARER_TOKEN_BEDROCK: BEARER })).describe();
    expect(bearer).toEqual({ source: "env: AWS_BEARER_TOKEN_BEDROCK", kind: "bearer" });
  });
});

describe("cachedCredentials", () => {
  it("gives what get() would return at once: nothing before the first load, in the refresh window or after invalidate()", async () => {
    let clock = 1_000_000;
    const source = countingSource("test", () => clock + 10 * 60_000);
    const chain = createCredentialChain([source], { now: () => clock });
    expect(cachedCredentials(chain)).toBeUndefined();
    const got = await chain.get();
    expect(cachedCredentials(chain)).toBe(got);
    clock += 6 * 60_000; // inside the 5-minute refresh window
    expect(cachedCredentials(chain)).toBeUndefined();
    const refreshed = await chain.get();
    expect(source.loads()).toBe(2);
    expect(cachedCredentials(chain)).toBe(refreshed);
    chain.invalidate();
    expect(cachedCredentials(chain)).toBeUndefined();
  });

  it("is undefined for a chain made elsewhere", () => {
    const own: CredentialChain = { get: async () => ({ credentials: { accessKeyId: "a", secretAccessKey: "b" }, source: "own" }), invalidate: () => {}, describe: async () => ({ source: "own", kind: "static" }) as never };
    expect(cachedCredentials(own)).toBeUndefined();
  });
});
