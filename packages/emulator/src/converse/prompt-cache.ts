type Block = Record<string, unknown>;

/** The cacheable prefix of a request: everything before its last `cachePoint`. */
export interface CacheSplit {
  /** Text of tools, system and messages before the last cache point. */
  prefix: string;
  /** Text of the whole request (tools, system, messages), for the input-token estimate. */
  whole: string;
  /** The last cache point's `ttl` (`5m` when unset). */
  ttl: "5m" | "1h";
}

function blockText(block: Block): string {
  if (typeof block["text"] === "string") return block["text"];
  if (block["cachePoint"] !== undefined) return "";
  return JSON.stringify(block);
}

/**
 * Where a request's cache points are, walking Bedrock's cache order (toolConfig.tools, system,
 * messages), or `undefined` when it has none.
 */
export function splitAtCachePoint(body: Record<string, unknown>): CacheSplit | undefined {
  const parts: string[] = [];
  let split: { at: number; ttl: "5m" | "1h" } | undefined;
  const visit = (block: unknown) => {
    if (typeof block !== "object" || block === null) return;
    const b = block as Block;
    const point = b["cachePoint"] as { ttl?: unknown } | undefined;
    if (point !== undefined) split = { at: parts.length, ttl: point?.ttl === "1h" ? "1h" : "5m" };
    else parts.push(blockText(b));
  };
  const tools = (body["toolConfig"] as { tools?: unknown } | undefined)?.tools;
  if (Array.isArray(tools)) tools.forEach(visit);
  if (Array.isArray(body["system"])) (body["system"] as unknown[]).forEach(visit);
  if (Array.isArray(body["messages"])) {
    for (const m of body["messages"] as Array<{ content?: unknown }>) if (Array.isArray(m?.content)) m.content.forEach(visit);
  }
  if (!split) return undefined;
  return { prefix: parts.slice(0, split.at).join("\n"), whole: parts.join("\n"), ttl: split.ttl };
}

/** A per-emulator prompt cache: prefix key → expiry (ms). The first call with a prefix writes it, later ones (before expiry) read it. */
export class PromptCache {
  private readonly entries = new Map<string, number>();

  /** Whether `key` was cached and still is; stores or refreshes it for `ttl` either way. */
  hit(key: string, ttl: "5m" | "1h", now: number): boolean {
    const expires = this.entries.get(key);
    const hit = expires !== undefined && expires > now;
    this.entries.set(key, now + (ttl === "1h" ? 3_600_000 : 300_000));
    return hit;
  }
}
