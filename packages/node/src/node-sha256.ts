import * as nodeCrypto from "node:crypto";
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

/** `crypto.hash`, where this Node has it (20.12+); read off the namespace so older ones load too. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: Uint8Array, encoding: "hex") => string }).hash;

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
