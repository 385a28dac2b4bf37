import type { CacheRetention, Model, StreamRequest } from "../types/index.js";
import type { BedrockCachePoint, BedrockContentBlock, ConverseBody } from "./converse-body.js";
import { describeValue, invalidRequest } from "./invalid-request.js";
import { cacheRules, supportsPromptCaching } from "./prompt-caching.js";

/** A cache point found in a built body, in Bedrock's cache order (tools → system → messages). */
interface FoundPoint {
  point: BedrockCachePoint;
  /** Where it is, as the body is sent: `toolConfig.tools[2]`, `system[1]`, `messages[3].content[1]`. */
  where: string;
  kind: "tools" | "system" | "messages";
  /** It follows a toolResult block in its message. */
  afterToolResult: boolean;
}

function findPoints(body: ConverseBody): FoundPoint[] {
  const found: FoundPoint[] = [];
  body.toolConfig?.tools.forEach((t, i) => {
    if ("cachePoint" in t) found.push({ point: t.cachePoint, where: `toolConfig.tools[${i}]`, kind: "tools", afterToolResult: false });
  });
  body.system?.forEach((b, i) => {
    if ("cachePoint" in b) found.push({ point: b.cachePoint, where: `system[${i}]`, kind: "system", afterToolResult: false });
  });
  body.messages.forEach((m, i) => {
    let toolResult = false;
    m.content.forEach((b, j) => {
      if ("toolResult" in b) toolResult = true;
      if ("cachePoint" in b) found.push({ point: b.cachePoint, where: `messages[${i}].content[${j}]`, kind: "messages", afterToolResult: toolResult });
    });
  });
  return found;
}

function removePoints(body: ConverseBody): void {
  const keep = <T extends object>(list: T[]): T[] => list.filter((b) => !("cachePoint" in b));
  if (body.toolConfig) body.toolConfig.tools = keep(body.toolConfig.tools);
  if (body.system) body.system = keep(body.system);
  for (const m of body.messages) m.content = keep(m.content);
}

function checkRetention(request: StreamRequest): CacheRetention {
  const { cache, forceCache } = request;
  if (cache !== undefined && cache !== "none" && cache !== "short" && cache !== "long") {
    invalidRequest("cache", `unknown cache retention ${describeValue(cache)}. Use "none", "short" or "long".`);
  }
  if (forceCache !== undefined && typeof forceCache !== "boolean") invalidRequest("forceCache", `expected true or false, got ${describeValue(forceCache)}.`);
  return cache ?? (forceCache === true ? "short" : "none");
}

/**
 * Cache points, after the body is built (it is changed in place).
 * - `forceCache: false`: none at all, the caller's included.
 * - Cache points the caller placed (`{ type: "cachePoint", ttl? }` in `tools`, `system`, user
 *   messages, tool results) are kept where they are and checked against the model's
 *   {@link cacheRules} — a model known not to cache, a cache point in tools or after a tool result
 *   for Nova, `1h` where it is not taken, more than 4, or a ttl longer than an earlier one's
 *   (Bedrock's order rule) is an InvalidRequestError; `forceCache: true` skips these checks.
 *   `cache` then places nothing more.
 * - Otherwise `cache: "short" | "long"` places them: after the system prompt and at the end of the
 *   last user message (for Nova, the last one without a tool result), `{ type: "default" }` or, for
 *   `long`, `ttl: "1h"` where the model takes it (else 5 minutes); only for models known to cache,
 *   unless `forceCache: true`.
 */
export function placeCachePoints(body: ConverseBody, request: StreamRequest, model: Model): void {
  const retention = checkRetention(request);
  if (request.forceCache === false) return removePoints(body);
  const found = findPoints(body);
  if (found.length > 0) return checkPlaced(found, model, request.forceCache === true);
  if (retention === "none") return;
  if (request.forceCache !== true && supportsPromptCaching(model) !== true) return;
  const rules = cacheRules(model);
  const point: BedrockCachePoint = retention === "long" && rules.oneHour !== false ? { type: "default", ttl: "1h" } : { type: "default" };
  if (body.system !== undefined && body.system.length > 0) body.system.push({ cachePoint: { ...point } });
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const m = body.messages[i]!;
    if (m.role !== "user") continue;
    if (!rules.afterToolResult && m.content.some((b: BedrockContentBlock) => "toolResult" in b)) continue;
    m.content.push({ cachePoint: { ...point } });
    return;
  }
}

function checkPlaced(found: FoundPoint[], model: Model, forced: boolean): void {
  if (forced) return;
  const where = found[0]!.where;
  if (supportsPromptCaching(model) === false) {
    invalidRequest(where, `model ${model.id} does not take cache points (prompt caching). Remove them, or set forceCache: true if you know it does.`);
  }
  const rules = cacheRules(model);
  if (rules.maxPoints !== undefined && found.length > rules.maxPoints) {
    invalidRequest(found[rules.maxPoints]!.where, `Bedrock takes at most ${rules.maxPoints} cache points in a request for ${model.id}, got ${found.length}. Keep the last ones before the parts that change.`);
  }
  let longest = 60; // minutes; the first point may be anything
  for (const f of found) {
    if (f.kind === "tools" && !rules.tools) invalidRequest(f.where, `model ${model.id} does not cache tools (Nova caches system and messages only). Move the cache point to the system prompt.`);
    if (f.afterToolResult && !rules.afterToolResult) {
      invalidRequest(f.where, `model ${model.id} rejects a cache point after a tool result (Nova). Put it in an earlier user message or the system prompt.`);
    }
    const minutes = f.point.ttl === "1h" ? 60 : 5;
    if (f.point.ttl === "1h" && rules.oneHour === false) invalidRequest(`${f.where}.ttl`, `model ${model.id} takes only 5-minute cache points (1h is for Claude 4.5 and later). Use ttl "5m" or leave it out.`);
    if (minutes > longest) {
      invalidRequest(`${f.where}.ttl`, 'a cache point may not have a longer ttl than an earlier one (Bedrock caches tools → system → messages): put the "1h" points first.');
    }
    longest = minutes;
  }
}
