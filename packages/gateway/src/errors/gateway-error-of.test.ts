import { AccessDeniedError, ModelError, ThrottlingError, TimeoutError, ValidationError } from "@streambed/core";
import { describe, expect, it } from "vitest";
import { GatewayError } from "./gateway-error.js";
import { gatewayErrorOf } from "./gateway-error-of.js";

describe("gatewayErrorOf", () => {
  it("maps streambed's errors to OpenAI's status, type and code, keeping the message", () => {
    const throttled = gatewayErrorOf(new ThrottlingError("Too many requests", { retryAfterMs: 2500 }));
    expect(throttled).toMatchObject({ status: 429, type: "rate_limit_error", code: "rate_limit_exceeded", retryAfterSeconds: 3 });
    expect(gatewayErrorOf(new ThrottlingError("slow down")).retryAfterSeconds).toBe(1);
    expect(gatewayErrorOf(new ValidationError("bad"))).toMatchObject({ status: 400, type: "invalid_request_error", message: "bad" });
    expect(gatewayErrorOf(new AccessDeniedError("no access"))).toMatchObject({ status: 403, type: "permission_error" });
    expect(gatewayErrorOf(new ModelError("not ready", { code: "ModelNotReadyException" }))).toMatchObject({ status: 503, code: "model_not_ready" });
    expect(gatewayErrorOf(new TimeoutError("idle", { kind: "idle" } as never))).toMatchObject({ status: 504, code: "upstream_timeout" });
  });

  it("keeps a GatewayError, and hides anything else behind a 500 that names no cause", () => {
    const own = new GatewayError(413, "invalid_request_error", "too big");
    expect(gatewayErrorOf(own)).toBe(own);
    const hidden = gatewayErrorOf(new TypeError("secret internals at /srv/app.js"));
    expect(hidden).toMatchObject({ status: 500, type: "server_error", code: "internal_error" });
    expect(hidden.message).not.toContain("secret");
    expect(hidden.toBody()).toEqual({ error: { message: hidden.message, type: "server_error", param: null, code: "internal_error" } });
  });
});
