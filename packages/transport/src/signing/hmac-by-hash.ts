import type { ChecksumConstructor } from "./sign-request.js";

/** The SHA-256 block size: HMAC pads its key to it. */
const BLOCK = 64;
const utf8 = new TextEncoder();

/** The two padded keys of one HMAC secret (RFC 2104): K ⊕ 0x36… and K ⊕ 0x5c…. */
interface Pads {
  /** The secret's bytes when the pads were made: a reused buffer with new contents is padded again. */
  readonly bytes: Uint8Array;
  readonly inner: Uint8Array;
  readonly outer: Uint8Array;
}

/**
 * The pads, by the secret object they came from. A signer hands the same signing-key bytes to every
 * request of a day (signer-cache.ts), so each request's HMAC XORs nothing.
 */
const padsByKey = new WeakMap<object, Pads>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof data === "string") return utf8.encode(data);
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** A hex digit's value (`0-9`, `a-f`, `A-F`). */
function nibble(code: number): number {
  return code <= 57 ? code - 48 : (code | 32) - 87;
}

/** Hex (a digest from hashHex) → the bytes. */
function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return out;
}

function joined(head: Uint8Array, pieces: readonly Uint8Array[]): Uint8Array {
  let length = head.length;
  for (const piece of pieces) length += piece.length;
  const out = new Uint8Array(length);
  out.set(head, 0);
  let at = head.length;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function padsOf(secret: string | ArrayBuffer | ArrayBufferView, hashHex: (data: Uint8Array) => string): Pads {
  const object = typeof secret === "object" ? secret : undefined;
  const bytes = toBytes(secret);
  const hit = object === undefined ? undefined : padsByKey.get(object);
  if (hit !== undefined && sameBytes(hit.bytes, bytes)) return hit;
  // A key longer than the block is hashed first; a shorter one is padded with zeros.
  const key = bytes.length > BLOCK ? fromHex(hashHex(bytes)) : bytes;
  const inner = new Uint8Array(BLOCK).fill(0x36);
  const outer = new Uint8Array(BLOCK).fill(0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i]! ^= key[i]!;
    outer[i]! ^= key[i]!;
  }
  const pads: Pads = { bytes: bytes.slice(), inner, outer };
  if (object !== undefined) padsByKey.set(object, pads);
  return pads;
}

/**
 * `sha256` with its HMAC computed as RFC 2104 defines it, from two one-shot hashes:
 * SHA-256((K ⊕ opad) ‖ SHA-256((K ⊕ ipad) ‖ message)), through `sha256.hashHex` (Node's
 * `crypto.hash`). Same bytes as `createHmac`, without making an HMAC object per request (the
 * costliest native call of a signing when the CPU comes back from waiting on the network).
 * Plain SHA-256 (no secret) is `sha256` itself.
 */
export function hmacByHash(sha256: ChecksumConstructor & { hashHex(data: Uint8Array): string }): ChecksumConstructor {
  const hashHex = sha256.hashHex;
  class HmacByHash {
    readonly #plain: InstanceType<ChecksumConstructor> | undefined;
    readonly #pads: Pads | undefined;
    readonly #pieces: Uint8Array[] = [];
    constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
      if (secret === undefined) this.#plain = new sha256();
      else this.#pads = padsOf(secret, hashHex);
    }
    update(data: Uint8Array): void {
      if (this.#plain !== undefined) this.#plain.update(data);
      else this.#pieces.push(toBytes(data));
    }
    digest(): Promise<Uint8Array> {
      if (this.#plain !== undefined) return this.#plain.digest();
      const pads = this.#pads!;
      const inner = fromHex(hashHex(joined(pads.inner, this.#pieces)));
      return Promise.resolve(fromHex(hashHex(joined(pads.outer, [inner]))));
    }
  }
  return Object.assign(HmacByHash, { hashHex });
}
