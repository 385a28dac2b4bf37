import { describe, expect, it } from "vitest";
import { CredentialsError, CredentialsExpiredError } from "../errors/index.js";
import { createCredentialChain } from "./credential-chain.js";
import type { CredentialSourceProvider } from "./credential-source.js";
import { envCredentialSources } from "./env-credential-sources.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXPIREDKEY";
const TOKEN = "FwoGZXIvYXdzEXPIREDSESSIONTOKENVALUE";
const NOW = Date.parse("2030-06-01T12:00:00Z");

/** A source handing out keys that expire at whatever `expiresAt` says at each load. */
function source(label: string, expiresAt: () => number): CredentialSourceProvider & { loads: number } {
  const s = {
    label,
    loads: 0,
    async load() {
      s.loads++;
      return { accessKeyId: `AKIAEXPIRING0000000${s.loads}`, secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date(expiresAt()) };
    },
  };
  return s;
}

describe("expired credentials are never handed out for signing", () => {
  it("AWS_CREDENTIAL_EXPIRATION in the past: CredentialsExpiredError naming the variables, not the keys", async () => {
    const chain = createCredentialChain(
      envCredentialSources({ AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_CREDENTIAL_EXPIRATION: "2030-06-01T11:00:00Z" }),
      { now: () => NOW },
    );
    const error = (await chain.get().catch((e: unknown) => e)) as CredentialsExpiredError;
    expect(error).toBeInstanceOf(CredentialsExpiredError);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ code: "CredentialsExpired", source: "env: AWS_ACCESS_KEY_ID", retryable: false, expiration: new Date("2030-06-01T11:00:00Z") });
    expect(error.message).toContain("expired at 2030-06-01T11:00:00.000Z (3600 s ago)");
    expect(error.message).toContain("AWS_CREDENTIAL_EXPIRATION");
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(SECRET);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(TOKEN);
    // Not cached: the next call reads the variables again.
    await expect(chain.get()).rejects.toBeInstanceOf(CredentialsExpiredError);
  });

  it("expiring exactly now counts as expired", async () => {
    const chain = createCredentialChain([source("explicit", () => NOW)], { now: () => NOW });
    await expect(chain.get()).rejects.toBeInstanceOf(CredentialsExpiredError);
  });

  it("cached credentials that expired are reloaded before use, and the fresh ones are used", async () => {
    let clock = NOW;
    let validFor = 60 * 60_000;
    const s = source("web identity", () => clock + validFor);
    const chain = createCredentialChain([s], { now: () => clock });
    const first = await chain.get();
    clock += 2 * 60 * 60_000; // an hour past their expiration
    const second = await chain.get();
    expect(s.loads).toBe(2);
    expect(second.credentials.expiration!.getTime()).toBeGreaterThan(clock);
    expect(second).not.toBe(first);
    // The source now only has stale ones: a typed error, never the stale keys.
    clock += 2 * 60 * 60_000;
    validFor = -60_000;
    const error = (await chain.get().catch((e: unknown) => e)) as CredentialsExpiredError;
    expect(error).toBeInstanceOf(CredentialsExpiredError);
    expect(error).toMatchObject({ source: "web identity" });
    expect(error.message).toContain("Loading them again gave no fresh ones");
    expect(s.loads).toBe(3);
  });
});
