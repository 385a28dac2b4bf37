import type { Context } from "hono";
import { GatewayError } from "../errors/gateway-error.js";

/** The request's JSON body, or a 400 saying it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw new GatewayError(400, "invalid_request_error", "The request body is not valid JSON.", { code: "invalid_json" });
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
/** Random bytes drawn 3 KiB at a time (one `getRandomValues` per 256 ids, not one per request). */
const pool = new Uint8Array(12 * 256);
let used = pool.length;

/** A random id with a prefix (`chatcmpl-…`, `resp_…`): 12 random bytes as hex. */
export function randomId(prefix: string): string {
  if (used + 12 > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  let s = prefix;
  for (let i = used; i < used + 12; i++) s += HEX[pool[i]!];
  used += 12;
  return s;
}
