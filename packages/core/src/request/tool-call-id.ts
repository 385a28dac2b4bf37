const VALID = /^[A-Za-z0-9_-]{1,64}$/;
const HASH_CHARS = 16;

/**
 * A tool-call id Bedrock accepts (`[A-Za-z0-9_-]{1,64}`, its `toolUseId` pattern), derived
 * deterministically from `id`. Valid ids are returned unchanged, so normalising twice changes
 * nothing and ids Bedrock produced round-trip as they are. Other ids (OpenAI's `call_…|fc_…`,
 * ids with dots or colons, longer than 64) become their sanitised prefix, `_`, and a 64-bit hash
 * of the whole original id in hex: readable, stable across runs and runtimes, and distinct for
 * distinct inputs in practice. The same function is applied to assistant `toolUse` ids and to
 * `toolResult.toolUseId`, so they still match.
 */
export function normaliseToolCallId(id: string): string {
  if (VALID.test(id)) return id;
  const prefix = id.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 64 - HASH_CHARS - 1);
  return `${prefix}_${hash64Hex(id)}`;
}

/**
 * 64-bit string hash (two 32-bit multiply-xorshift lanes over UTF-16 code units, cyrb53-style
 * mixing) as 16 hex digits. Not cryptographic; runtime-free and fast.
 */
function hash64Hex(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}
