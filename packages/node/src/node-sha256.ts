import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

/**
 * SHA-256 / HMAC-SHA-256 through node:crypto, in the `Checksum` shape @smithy/signature-v4 takes.
 * Native hashing is far faster than @aws-crypto/sha256-js on large bodies (images, documents).
 */
export class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) this.#hash = createHash("sha256");
    else if (typeof secret === "string") this.#hash = createHmac("sha256", secret);
    else if (secret instanceof ArrayBuffer) this.#hash = createHmac("sha256", new Uint8Array(secret));
    else this.#hash = createHmac("sha256", new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength));
  }
  update(data: string | Uint8Array): void {
    this.#hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    const out = this.#hash.digest();
    return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }
  reset(): void {
    throw new Error("NodeSha256 cannot be reset; create a new instance");
  }
}
