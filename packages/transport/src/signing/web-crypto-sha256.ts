/**
 * SHA-256 and HMAC-SHA-256 on the runtime's WebCrypto (`crypto.subtle`), in the checksum shape
 * `@smithy/signature-v4` takes: `new WebCryptoSha256(secret?)`, `update(bytes)`, `await digest()`.
 * Native speed on every runtime streambed targets (Node ≥ 20, workerd, Deno, Bun, browsers in a
 * secure context) and no dependency, which keeps `Buffer` feature tests out of the edge bundle.
 */
export class WebCryptoSha256 {
  private readonly secret: Uint8Array | undefined;
  /** The secret as given, when it is an object: what its imported key is remembered by. */
  private readonly secretObject: object | undefined;
  private chunks: Uint8Array[] = [];

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined ? undefined : toBytes(secret);
    this.secretObject = typeof secret === "object" ? secret : undefined;
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    const bytes = toBytes(data);
    this.chunks.push(bytes);
  }

  async digest(): Promise<Uint8Array> {
    const subtle = globalThis.crypto?.subtle;
    if (subtle === undefined) throw new Error("crypto.subtle is not available");
    // SigV4 hashes each input in one update; several are joined without a hand-written copy loop.
    const data = this.chunks.length === 1 ? (this.chunks[0] as Uint8Array<ArrayBuffer>) : await new Blob(this.chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer();
    if (this.secret === undefined) return new Uint8Array(await subtle.digest("SHA-256", data));
    // WebCrypto rejects an empty HMAC key; HMAC pads keys with zeros to the 64-byte block, so a
    // block of zeros is the same key.
    const secret = this.secret.byteLength === 0 ? new Uint8Array(64) : this.secret;
    const key = await hmacKey(subtle, this.secretObject, secret);
    return new Uint8Array(await subtle.sign("HMAC", key, data));
  }

  reset(): void {
    this.chunks = [];
  }
}

/**
 * HMAC keys imported, by the secret object they came from, with a copy of its bytes (a hit must
 * match them: a reused buffer with new contents is imported again). A signer hands the same
 * signing-key bytes object to every request of a day (see signer-cache.ts), so each request's
 * HMAC skips `importKey`.
 */
const hmacKeys = new WeakMap<object, { bytes: Uint8Array; key: Promise<CryptoKey> }>();

function hmacKey(subtle: SubtleCrypto, from: object | undefined, secret: Uint8Array): Promise<CryptoKey> {
  const hit = from === undefined ? undefined : hmacKeys.get(from);
  if (hit !== undefined && sameBytes(hit.bytes, secret)) return hit.key;
  const key = subtle.importKey("raw", secret as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  if (from !== undefined) {
    hmacKeys.set(from, { bytes: secret.slice(), key });
    key.catch(() => hmacKeys.delete(from));
  }
  return key;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether this runtime has WebCrypto's `subtle` (absent in browsers on plain-http pages). */
export function hasWebCrypto(): boolean {
  return globalThis.crypto?.subtle !== undefined;
}

const encoder = /* @__PURE__ */ new TextEncoder();

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof data === "string") return encoder.encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}
