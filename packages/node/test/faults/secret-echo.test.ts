/**
 * Secret values, not just secret shapes: a server (Bedrock behind a gateway, a debugging proxy)
 * that answers by echoing the request's headers puts the session token or the bearer token into
 * the reply, encoded as it pleases: JSON with escaped slashes, URL-encoded, base64, cut mid-way.
 * The client knows the exact secrets it holds (secret key, session token, bearer token, the
 * config's apiKey) and removes them in every encoding, whole or in pieces: no 8-character piece of
 * any secret may survive in an error (message, String, JSON, inspect, stack, causes), a debug
 * entry or a model listing. Both transports; SigV4 with an 817-character session token full of
 * slashes, an explicit bearer token, the config's apiKey.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DebugEntry, Model } from "@streambed/core";
import { startLoopback, type Loopback } from "../../src/credentials/loopback-servers.test-helper.js";
import { echoRequestHeaders, ECHO_MODES, type EchoMode } from "./echo-server.js";
import { ask, clientFor, drain, faultModel, TRANSPORTS } from "./harness.js";
import { visibleTexts, type VisibleText } from "./visible-texts.js";

/** Deterministic base64-alphabet text with a slash or plus every few characters, like a real STS session token. */
function tokenLike(prefix: string, length: number, seed: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let state = seed;
  let out = prefix;
  while (out.length < length - 2) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += out.length % 11 === 5 ? "/" : alphabet[(state >>> 16) % 64];
  }
  return `${out}==`;
}

const ACCESS_KEY_ID = "AKIAECHOKEYID000WXYZ";
const SECRET = tokenLike("eChO/", 40, 7);
const SESSION = tokenLike("IQoJb3JpZ2luX2VjE", 817, 11);
const BEARER = tokenLike("ABSKQmVkcm9ja0FQSUtleS1l", 132, 13);
const CONFIG_KEY = tokenLike("ABSKQmVkcm9ja0FQSUtleS1j", 132, 17);
const SECRETS = { SECRET, SESSION, BEARER, CONFIG_KEY };

const MODES = ECHO_MODES;
type Mode = EchoMode;

/** Answers every call by echoing its headers, the way `x-echo` (a model header) asks. */
function echo(req: IncomingMessage, res: ServerResponse): void {
  echoRequestHeaders(req, res, (req.headers["x-echo"] ?? "json-escaped") as Mode, SECRET);
}

/** Every 8-character piece of `secret` as it may be written: raw, `\/`-escaped, URL-encoded, and base64 at each of the 3 byte alignments. */
function pieces(secret: string): Set<string> {
  const forms = [secret, secret.replace(/\//g, "\\/"), encodeURIComponent(secret)];
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.from("\0".repeat(shift) + secret).toString("base64");
    // Characters that depend only on the secret's bytes: skip the ones mixing in the padding before it and the tail.
    forms.push(b64.slice(Math.ceil((shift * 4) / 3), -4));
  }
  const out = new Set<string>();
  for (const form of forms) for (let i = 0; i + 8 <= form.length; i++) out.add(form.slice(i, i + 8));
  return out;
}
const PIECES = Object.entries(SECRETS).map(([name, secret]) => ({ name, pieces: pieces(secret) }));

/** How many characters of `text` are covered by pieces of `secret` (0 = nothing survives). */
function survivingChars(text: string, secretPieces: Set<string>): number {
  const covered = new Uint8Array(text.length);
  for (let i = 0; i + 8 <= text.length; i++) if (secretPieces.has(text.slice(i, i + 8))) covered.fill(1, i, i + 8);
  return covered.reduce((sum, c) => sum + c, 0);
}

const outputs: VisibleText[] = [];
const record = (where: string, value: unknown) => outputs.push(...visibleTexts(where, value));

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback((req, res) => echo(req, res));
});
afterAll(async () => {
  await server.close();
});

type Auth = "sigv4" | "bearer" | "config";
const authOptions = (auth: Auth) =>
  auth === "sigv4"
    ? { credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION } }
    : auth === "bearer"
      ? { credentials: { bearerToken: BEARER } }
      : { credentials: undefined, config: { models: { providers: { "amazon-bedrock": { auth: "api-key", apiKey: CONFIG_KEY } } } } };

const echoModel = (mode: Mode): Model => ({ ...faultModel(undefined), headers: { "x-echo": mode } });

describe.each(TRANSPORTS)("secret echo (%s)", (transport) => {
  for (const auth of ["sigv4", "bearer", "config"] as const) {
    it(`${auth}: a server echoing the request's headers, every encoding, stream, complete and discovery`, async () => {
      const debug: DebugEntry[] = [];
      const bedrock = clientFor(server, transport, { ...authOptions(auth), env: {}, retry: false, debug: (e) => debug.push(e) });
      for (const mode of MODES) {
        const streamed = await drain(bedrock.stream(ask(echoModel(mode))));
        expect(streamed.error, mode).toBeInstanceOf(Error);
        record(`${auth} ${mode} stream`, streamed.error);
        const completed = await bedrock.complete(ask(echoModel(mode))).then(() => undefined, (e: unknown) => e);
        expect(completed, mode).toBeInstanceOf(Error);
        record(`${auth} ${mode} complete`, completed);
      }
      const listing = await bedrock.models.listing({ refresh: true });
      expect(listing.discovery.reason).toMatch(/ValidationException|HTTP 400/);
      record(`${auth} discovery`, listing);
      for (const entry of debug) record(`${auth} debug`, entry);
      await bedrock.close();
    });
  }
});

describe("the echo guard itself", () => {
  it("the server really echoed the secrets (so the guard has something to find)", () => {
    const raw = server.requests.map((r) => JSON.stringify(r.headers)).join("\n");
    expect(raw).toContain(SESSION);
    expect(raw).toContain(BEARER);
    expect(raw).toContain(CONFIG_KEY);
    expect(outputs.length).toBeGreaterThan(200);
  });

  it("no 8-character piece of any secret survives, in any encoding", () => {
    const leaks: string[] = [];
    for (const { where, text } of outputs) {
      for (const { name, pieces: secretPieces } of PIECES) {
        const chars = survivingChars(text, secretPieces);
        if (chars > 0) leaks.push(`${where}: ${chars} characters of ${name}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
