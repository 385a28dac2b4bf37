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

/**
 * SHA-256 / HMAC-SHA-256 through node:crypto, in the `Checksum` shape @smithy/signature-v4 takes.
 * Native hashing is far faster than @aws-crypto/sha256-js on large bodies (images, documents).
 */
export class NodeSha256 {
  /**
   * SHA-256 of `data`, hex, synchronously: `crypto.hash` (Node ≥ 20.12, one native call, no hash
   * object), else `createHash`. signRequest hashes the request body with it.
   */
  static hashHex(data: Uint8Array): string {
    return oneShot === undefined ? createHash("sha256").update(data).digest("hex") : oneShot("sha256", data, "hex");
  }

  /** The HMAC, when made with a secret. */
  readonly #hmac: Hmac | undefined;
  /**
   * Without a secret: what was given to `update`, hashed in one `crypto.hash` call by `digest` (the
   * signer hashes its canonical request in one update; no hash object is made for it).
   */
  #data: Array<string | Uint8Array> | undefined;

  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) this.#data = [];
    else if (typeof secret === "string") this.#hmac = createHmac("sha256", secret);
    else if (secret instanceof ArrayBuffer) this.#hmac = createHmac("sha256", new Uint8Array(secret));
    else this.#hmac = createHmac("sha256", new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength));
  }
  update(data: string | Uint8Array): void {
    if (this.#hmac !== undefined) this.#hmac.update(data);
    else this.#data!.push(data);
  }
  digest(): Promise<Uint8Array> {
    const out = this.#hmac !== undefined ? this.#hmac.digest() : hashOf(this.#data!);
    return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }
  reset(): void {
    throw new Error("NodeSha256 cannot be reset; create a new instance");
  }
}

/** SHA-256 of the pieces, as one: one native call for one byte array, else a hash object. */
function hashOf(data: Array<string | Uint8Array>): Buffer {
  const only = data.length === 1 ? data[0] : undefined;
  if (oneShot !== undefined && only instanceof Uint8Array) return oneShot("sha256", only, "buffer");
  const hash: Hash = createHash("sha256");
  for (const piece of data) hash.update(piece);
  return hash.digest();
}
