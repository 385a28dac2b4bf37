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

/** A random id with a prefix (`chatcmpl-…`, `resp_…`). */
export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return prefix + s;
}
