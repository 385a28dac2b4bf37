import { GatewayError } from "../errors/gateway-error.js";
import { findKey, type GatewayKey } from "./gateway-key.js";

/**
 * The key a request's `Authorization: Bearer <key>` names, or a 401: no header, or a key that is
 * not (or no longer) stored. The message never repeats what was sent. On Node the hash is taken
 * synchronously (no thread-pool round trip before the call).
 */
export async function authenticate(header: string | undefined, keys: readonly GatewayKey[]): Promise<GatewayKey> {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new GatewayError(401, "invalid_request_error", "No API key: send it as Authorization: Bearer <key> (keys come from `streambed gateway keys create`).", { code: "missing_api_key" });
  }
  const key = await findKey(match[1]!, keys);
  if (!key) throw new GatewayError(401, "invalid_request_error", "Incorrect API key: it is not one of this gateway's keys, or it was revoked.", { code: "invalid_api_key" });
  return key;
}
