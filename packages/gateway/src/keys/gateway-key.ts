import { sha256Hex } from "./sha256-hex.js";

/**
 * A client key as the gateway stores it: never the key itself, only its SHA-256. Keys are 32 random
 * bytes, so a plain hash is as good as a slow one here (nothing to guess), and checking one costs a
 * single digest.
 */
export interface GatewayKey {
  /** Stable id (`key_…`), shown in lists, logs and metrics; not secret. */
  id: string;
  /** Who holds it (`team-a`). */
  name: string;
  /** `sha256:<64 hex>` of the whole key. */
  hash: string;
  /** The key's first characters (`sk-sb-AbCd`), to recognise it; not enough to use it. */
  prefix?: string;
  /** Model id patterns the key may call (`*` matches any run of characters); absent: every model. */
  models?: string[];
  /** Requests per minute; absent: no limit. */
  rpm?: number;
  /** Tokens (prompt + completion) per minute; absent: no limit. */
  tpm?: number;
  /** ISO time the key was made. */
  created?: string;
}

/** What every key starts with. */
export const KEY_PREFIX = "sk-sb-";

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** `sha256:<hex>` of a key (`node:crypto` where the runtime has it, else Web Crypto). */
export async function hashKey(key: string): Promise<string> {
  return `sha256:${await sha256Hex(key)}`;
}

/** A new key: `sk-sb-` + 32 random bytes (base64url), its id and its hash. Show `key` once; store the rest. */
export async function generateKey(name: string, limits: Pick<GatewayKey, "models" | "rpm" | "tpm"> = {}, now = new Date()): Promise<{ key: string; record: GatewayKey }> {
  const key = KEY_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
  const id = `key_${hex(crypto.getRandomValues(new Uint8Array(6)))}`;
  const record: GatewayKey = { id, name, hash: await hashKey(key), prefix: key.slice(0, KEY_PREFIX.length + 4), created: now.toISOString() };
  if (limits.models && limits.models.length > 0) record.models = limits.models;
  if (limits.rpm !== undefined) record.rpm = limits.rpm;
  if (limits.tpm !== undefined) record.tpm = limits.tpm;
  return { key, record };
}

/** Compares two equal-length strings in time that depends on their length only. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

function matchHash(hex: string, keys: readonly GatewayKey[]): GatewayKey | undefined {
  const hash = `sha256:${hex}`;
  let found: GatewayKey | undefined;
  for (const key of keys) if (constantTimeEqual(hash, key.hash) && found === undefined) found = key;
  return found;
}

/**
 * The key whose hash matches `presented`'s, comparing with every stored hash in constant time (no
 * early exit, so the time says nothing about which key, or how much of a hash, matched). Answers
 * at once where the runtime hashes synchronously (Node), else through a promise (Web Crypto).
 */
export function findKey(presented: string, keys: readonly GatewayKey[]): GatewayKey | undefined | Promise<GatewayKey | undefined> {
  const hex = sha256Hex(presented);
  return typeof hex === "string" ? matchHash(hex, keys) : hex.then((h: string) => matchHash(h, keys));
}
