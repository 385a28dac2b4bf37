import type { BedrockCachePoint } from "./converse-body.js";
import { describeValue, invalidRequest, isPlainObject } from "./invalid-request.js";

/** `{ type: "cachePoint", ttl? }` → Bedrock's `{ type: "default", ttl? }` (`ttl` only when given: 5m is Bedrock's default). */
export function mapCachePoint(block: unknown, path: string): BedrockCachePoint {
  if (!isPlainObject(block) || block.type !== "cachePoint") invalidRequest(path, `expected { type: "cachePoint", ttl? }, got ${describeValue(block)}.`);
  const ttl = block.ttl;
  if (ttl === undefined) return { type: "default" };
  if (ttl !== "5m" && ttl !== "1h") invalidRequest(`${path}.ttl`, `expected "5m" or "1h", got ${describeValue(ttl)}.`);
  return { type: "default", ttl };
}
