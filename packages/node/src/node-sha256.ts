import type { Hash, Hmac } from "node:crypto";

/**
 * node:crypto as Node's own module object, not an ES module namespace: importing the namespace
 * reads every export, `webcrypto` included, which loads Node's whole WebCrypto implementation
 * (never used here) before the first event of every process.
 */
const nodeCrypto = process.getBuiltinModule("node:crypto");
const { createHash, createHmac } = nodeCrypto;

/** `crypto.hash`, where this Node has it (20.12+); read off the module so older ones load too. */
const oneShot = (nodeCrypto as { hash?: { (algorithm: string, data: Uint8Array, encoding: "hex"): string; (algorithm: string, data: Uint8Array, encoding: "buffer"): Buffer } }).hash;

/** The SHA-256 block size: HMAC pads its key to it. */
const BLOCK = 64;

/** The two padded keys of one HMAC secret (RFC 2104): K ⊕ 0x36… and K ⊕ 0x5c…. */
interface Pads {
  /** The secret's bytes when the pads were made: a reused buffer with new contents is padded again. */
  readonly bytes: Uint8Array;
  readonly inner: Buffer;
  readonly outer: Buffer;
}

/**
 * The pads, by the secret object they came from: the signer hands the same signing-key bytes to
 * every request of a day (transport's signer cache), so a request's HMAC XORs nothing.
 */
const padsBySecret = new WeakMap<object, Pads>();

function secretBytes(secret: string | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof secret === "string") return Buffer.from(secret, "utf8");
  if (secret instanceof Uint8Array) return secret;
  if (secret instanceof ArrayBuffer) return new Uint8Array(secret);
  return new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength);
}

/** Whether `a` and `b` hold the same bytes: a loop in JS (keys are short), not a call into Node. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function padsOf(secret: string | ArrayBuffer | ArrayBufferView, hash: NonNullable<typeof oneShot>): Pads {
  const bytes = secretBytes(secret);
  const cached = typeof secret === "object" ? padsBySecret.get(secret) : undefined;
  if (cached !== undefined && sameBytes(cached.bytes, bytes)) return cached;
  // A key longer than the block is hashed first; a shorter one is padded with zeros.
  const key = bytes.length > BLOCK ? hash("sha256", bytes, "buffer") : bytes;
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i]! ^= key[i]!;
    outer[i]! ^= key[i]!;
  }
  const pads: Pads = { bytes: bytes.slice(), inner, outer };
  if (typeof secret === "object") padsBySecret.set(secret, pads);
  return pads;
}

/**
 * SHA-256 / HMAC-SHA-256 through node:crypto, in the `Checksum` shape @smithy/signature-v4 takes.
 * Native hashing is far faster than @aws-crypto/sha256-js on large bodies (images, documents).
 * With `crypto.hash` (Node ≥ 20.12) an HMAC is RFC 2104's two one-shot hashes,
 * SHA-256((K ⊕ opad) ‖ SHA-256((K ⊕ ipad) ‖ message)), over pads made once per signing key: the
 * same bytes as `createHmac`, without an HMAC object per request (the costliest native call of a
 * signing when the CPU comes back from waiting on the network).
 */
export class NodeSha256 {
  /**
   * SHA-256 of `data`, hex, synchronously: `crypto.hash` (Node ≥ 20.12, one native call, no hash
   * object), else `createHash`. signRequest hashes the request body with it.
   */
  static hashHex(data: Uint8Array): string {
    return oneShot === undefined ? createHash("sha256").update(data).digest("hex") : oneShot("sha256", data, "hex");
  }

  /** The HMAC object, when made with a secret on a Node without `crypto.hash`. */
  readonly #hmac: Hmac | undefined;
  /** The secret's pads, when made with a secret on a Node with `crypto.hash`. */
  readonly #pads: Pads | undefined;
  /**
   * What was given to `update` (without an HMAC object), hashed in one `crypto.hash` call by
   * `digest` (the signer hashes its canonical request in one update; no hash object is made for it).
   */
  readonly #data: Array<string | Uint8Array> = [];

  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) return;
    if (oneShot !== undefined) this.#pads = padsOf(secret, oneShot);
    else this.#hmac = createHmac("sha256", secretBytes(secret));
  }
  update(data: string | Uint8Array): void {
    if (this.#hmac !== undefined) this.#hmac.update(data);
    else this.#data.push(data);
  }
  digest(): Promise<Uint8Array> {
    const pads = this.#pads;
    let out: Buffer;
    if (this.#hmac !== undefined) out = this.#hmac.digest();
    else if (pads !== undefined) {
      const data = this.#data;
      const inner = oneShot!("sha256", Buffer.concat(data.length === 1 ? [pads.inner, asBytes(data[0]!)] : [pads.inner, ...data.map(asBytes)]), "buffer");
      out = oneShot!("sha256", Buffer.concat([pads.outer, inner]), "buffer");
    } else out = hashOf(this.#data);
    return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }
  reset(): void {
    throw new Error("NodeSha256 cannot be reset; create a new instance");
  }
}

function asBytes(piece: string | Uint8Array): Uint8Array {
  return typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
}

/** SHA-256 of the pieces, as one: one native call for one byte array, else a hash object. */
function hashOf(data: Array<string | Uint8Array>): Buffer {
  const only = data.length === 1 ? data[0] : undefined;
  if (oneShot !== undefined && only instanceof Uint8Array) return oneShot("sha256", only, "buffer");
  const hash: Hash = createHash("sha256");
  for (const piece of data) hash.update(piece);
  return hash.digest();
}
