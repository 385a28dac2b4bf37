/**
 * SHA-256 and HMAC-SHA-256 on the runtime's WebCrypto (`crypto.subtle`), in the checksum shape
 * `@smithy/signature-v4` takes: `new WebCryptoSha256(secret?)`, `update(bytes)`, `await digest()`.
 * Native speed on every runtime streambed targets (Node ≥ 20, workerd, Deno, Bun, browsers in a
 * secure context) and no dependency, which keeps `Buffer` feature tests out of the edge bundle.
 */
export class WebCryptoSha256 {
  private readonly secret: Uint8Array | undefined;
  private chunks: Uint8Array[] = [];

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined ? undefined : toBytes(secret);
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
    const key = await subtle.importKey("raw", secret as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await subtle.sign("HMAC", key, data));
  }

  reset(): void {
    this.chunks = [];
  }
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
