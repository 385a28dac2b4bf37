/**
 * The secrets of one chaos run, made from its seed (a replay uses the same ones): token-like text
 * with `/` and `+` in it, as real session tokens and secret keys have. Every credential source of
 * the run hands these out, the emulator accepts them, and none may show in any output.
 */
import { prng } from "../faults/prng.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64-alphabet text of `length` after `prefix`, with a `/` every 11 characters. */
export function tokenLike(random: () => number, prefix: string, length: number): string {
  let out = prefix;
  while (out.length < length - 2) out += out.length % 11 === 5 ? "/" : ALPHABET[Math.floor(random() * 64)];
  return `${out}==`;
}

const keyId = (random: () => number, prefix: string) => {
  let out = prefix;
  while (out.length < 20) out += "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[Math.floor(random() * 32)];
  return out;
};

export interface ChaosSecrets {
  /** Key pairs the emulator accepts, by the source that hands them out. */
  keys: Record<"static" | "sts" | "webIdentity" | "imds" | "container" | "process", { accessKeyId: string; secretAccessKey: string; sessionToken: string }>;
  /** The source profile of role_arn profiles (sent only to STS). */
  base: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  bearerToken: string;
  configApiKey: string;
  /** A secret key the emulator does not accept (bad-signature rows). */
  wrongSecret: string;
  /** The web identity token (a JWT, as EKS and GitHub OIDC write to AWS_WEB_IDENTITY_TOKEN_FILE). */
  webIdentityToken: string;
  /** The container endpoint's authorization token. */
  containerAuthToken: string;
  /** The password in a proxy URL. */
  proxyPassword: string;
  /** Every secret value by name, for the scanner. */
  all: Record<string, string>;
}

export function chaosSecrets(seed: number): ChaosSecrets {
  const random = prng(seed ^ 0x5ec2e7);
  const pair = (idPrefix: string, secretPrefix: string) => ({
    accessKeyId: keyId(random, idPrefix),
    secretAccessKey: tokenLike(random, secretPrefix, 40),
    sessionToken: tokenLike(random, "IQoJb3JpZ2luX2Vj", 200 + Math.floor(random() * 600)),
  });
  const keys = {
    static: pair("AKIACHAOS", "sTaT/"),
    sts: pair("ASIACHAOSSTS", "sTs+"),
    webIdentity: pair("ASIACHAOSWID", "wId/"),
    imds: pair("ASIACHAOSIMDS", "iMdS/"),
    container: pair("ASIACHAOSCTR", "cTr+"),
    process: pair("ASIACHAOSPRC", "pRc/"),
  };
  const base = pair("AKIACHAOSBASE", "bAsE/");
  const bearerToken = tokenLike(random, "ABSKQmVkcm9ja0FQSUtleS1j", 132);
  const configApiKey = tokenLike(random, "ABSKQmVkcm9ja0FQSUtleS1k", 132);
  const wrongSecret = tokenLike(random, "wRoNg/", 40);
  const containerAuthToken = tokenLike(random, "cTrAuTh", 64);
  // header.payload.signature, base64url: no "/", "+" or "=".
  const jwtPart = (prefix: string, length: number) => tokenLike(random, prefix, length).replace(/\//g, "_").replace(/\+/g, "-").replace(/=+$/, "");
  const webIdentityToken = `eyJhbGciOiJSUzI1NiIsImtpZCI6ImNoYW9zIn0.${jwtPart("eyJpc3MiOiJjaGFvcyJ9", 300)}.${jwtPart("c2lnbmF0dXJl", 342)}`;
  const proxyPassword = tokenLike(random, "pRoXy", 24).replace(/[/+=]/g, "x");
  const all: Record<string, string> = { bearerToken, configApiKey, wrongSecret, webIdentityToken, containerAuthToken, proxyPassword };
  for (const [name, k] of Object.entries({ ...keys, base })) {
    all[`${name}.secretAccessKey`] = k.secretAccessKey;
    all[`${name}.sessionToken`] = k.sessionToken;
  }
  return { keys, base, bearerToken, configApiKey, wrongSecret, webIdentityToken, containerAuthToken, proxyPassword, all };
}
