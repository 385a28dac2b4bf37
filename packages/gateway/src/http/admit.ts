import { GatewayError } from "../errors/gateway-error.js";
import type { GatewayKey } from "../keys/gateway-key.js";
import { modelAllowed } from "../keys/model-allowed.js";
import { hasLimits, type RateLimiter } from "../limits/rate-limiter.js";

/**
 * Lets a call to `model` go ahead for `key`, or throws: 403 when the key's allowlist does not
 * name the model, 429 (`retry-after`, type `requests` or `tokens`) when a per-minute limit is
 * reached. A limiter that cannot answer (Redis down) is a 503: limits are never skipped silently.
 */
export async function admit(key: GatewayKey, model: string, limiter: RateLimiter): Promise<void> {
  if (!modelAllowed(model, key.models)) {
    throw new GatewayError(403, "permission_error", `The key "${key.name}" may not call model ${model}. Its models: ${key.models?.join(", ")}.`, { param: "model", code: "model_not_allowed" });
  }
  if (!hasLimits(key)) return;
  let decision;
  try {
    decision = await limiter.acquire(key);
  } catch (error) {
    throw new GatewayError(503, "server_error", "The gateway could not check this key's rate limits (its limit store did not answer). Try again shortly.", { code: "limiter_unavailable", retryAfterSeconds: 1, cause: error });
  }
  if (decision.ok) return;
  const what = decision.limit === "requests" ? `${key.rpm} requests` : `${key.tpm} tokens`;
  throw new GatewayError(429, decision.limit, `Rate limit reached for key "${key.name}": ${what} per minute. Try again in ${Math.ceil(decision.retryAfterMs / 1000)} s.`, {
    code: "rate_limit_exceeded",
    retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
  });
}
