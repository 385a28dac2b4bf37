import { GatewayError } from "../errors/gateway-error.js";
import { findKey, type GatewayKey } from "./gateway-key.js";

function known(key: GatewayKey | undefined): GatewayKey {
  if (!key) throw new GatewayError(401, "invalid_request_error", "Incorrect API key: it is not one of this gateway's keys, or it was revoked.", { code: "invalid_api_key" });
  return key;
}

/**
 * The key a request's `Authorization: Bearer <key>` names, or a 401 (thrown): no header, or a key
 * that is not (or no longer) stored. The message never repeats what was sent. Where the runtime
 * hashes synchronously (Node: `node:crypto`) the answer is immediate, so the request goes on
 * without yielding (no await, no thread-pool round trip); else a promise (Web Crypto).
 */
export function authenticateNow(header: string | undefined, keys: readonly GatewayKey[]): GatewayKey | Promise<GatewayKey> {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new GatewayError(401, "invalid_request_error", "No API key: send it as Authorization: Bearer <key> (keys come from `streambed gateway keys create`).", { code: "missing_api_key" });
  }
  const key = findKey(match[1]!, keys);
  return key instanceof Promise ? key.then(known) : known(key);
}
