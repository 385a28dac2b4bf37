import type { Sha256Constructor } from "@streambed/core";

/** Body size from which WebCrypto's native digest beats a JS SHA-256, despite its async overhead (measured: docs/edge.md). */
export const WEBCRYPTO_MIN_BYTES = 16 * 1024;

type Bytes = string | ArrayBuffer | ArrayBufferView;

const encoder = /* @__PURE__ */ new TextEncoder();

function toBytes(data: Bytes): Uint8Array {
  if (typeof data === "string") return encoder.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: "raw", key: Uint8Array, algorithm: { name: string; hash: string }, extractable: boolean, usages: string[]): Promise<unknown>;
  sign(algorithm: string, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * A SHA-256 / HMAC-SHA-256 in the shape `signRequest` takes (`new Sha256(secret?)`), for runtimes
 * with WebCrypto. SigV4 hashes the body once (unkeyed) and runs six HMACs over a few hundred bytes:
 * an unkeyed hash of at least `minBytes` goes to `crypto.subtle.digest` (native, ~12× faster on a
 * 1 MB image body); everything else goes to `small` (a JS SHA-256, cheaper than WebCrypto's async
 * round-trip for short inputs). Without `small`, or without `crypto.subtle`, every hash uses the
 * one that exists.
 */
export function createEdgeSha256(options: { small?: Sha256Constructor; minBytes?: number; subtle?: SubtleLike } = {}): Sha256Constructor {
  const minBytes = options.minBytes ?? WEBCRYPTO_MIN_BYTES;
  const subtle = options.subtle ?? (globalThis.crypto?.subtle as unknown as SubtleLike | undefined);
  const small = options.small;
  if (!subtle) {
    if (!small) throw new TypeError("createEdgeSha256: this runtime has no crypto.subtle; pass a JS SHA-256 as `small`.");
    return small;
  }
  return class EdgeSha256 {
    readonly #secret: Uint8Array | undefined;
    readonly #chunks: Uint8Array[] = [];
    #size = 0;
    constructor(secret?: unknown) {
      this.#secret = secret === undefined || secret === null ? undefined : toBytes(secret as Bytes);
    }
    update(data: Uint8Array | string): void {
      const bytes = toBytes(data);
      this.#chunks.push(bytes);
      this.#size += bytes.byteLength;
    }
    async digest(): Promise<Uint8Array> {
      const data = concat(this.#chunks, this.#size);
      if (small && (this.#secret !== undefined || this.#size < minBytes)) {
        const js = this.#secret === undefined ? new small() : new small(this.#secret);
        js.update(data);
        return js.digest();
      }
      if (this.#secret === undefined) return new Uint8Array(await subtle.digest("SHA-256", data));
      const key = await subtle.importKey("raw", this.#secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return new Uint8Array(await subtle.sign("HMAC", key, data));
    }
  };
}
