/** The part of `node:crypto` used here. */
interface NodeCrypto {
  /** One-shot (Node ≥ 20.12): no Hash object. */
  hash?(algorithm: "sha256", data: string, encoding: "hex"): string;
  createHash(algorithm: "sha256"): { update(data: string, encoding: "utf8"): { digest(encoding: "hex"): string } };
}

/**
 * `node:crypto` when the runtime has it (Node ≥ 20.16, Bun, Deno; workerd with `nodejs_compat`),
 * found through `process.getBuiltinModule` so this web-standard entry imports no Node module.
 */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;

/**
 * SHA-256 of `text` (UTF-8) as lowercase hex. Synchronous through `node:crypto` where there is one:
 * Web Crypto's `digest` runs on Node's thread pool, a round trip (≈ 0.05–0.3 ms, more on a busy
 * machine) on every request's key check; `hash` takes about a microsecond for a key. Else
 * Web Crypto.
 */
export function sha256Hex(text: string): string | Promise<string> {
  if (nodeCrypto?.hash) return nodeCrypto.hash("sha256", text, "hex");
  if (nodeCrypto) return nodeCrypto.createHash("sha256").update(text, "utf8").digest("hex");
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then((digest) => {
    let s = "";
    for (const b of new Uint8Array(digest)) s += b.toString(16).padStart(2, "0");
    return s;
  });
}
