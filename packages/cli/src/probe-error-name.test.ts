import { describe, expect, it } from "vitest";
import { errorFromResponse } from "@streambed/core";
import { CredentialsNotFoundError, NetworkError, TimeoutError } from "streambed";
import { probeErrorName } from "./probe-error-name.js";

/** The reason discovery reports for a control-plane response, as the client builds it. */
function reasonFor(status: number, type: string | undefined): { reason: string; expected: string } {
  const error = errorFromResponse({
    status,
    headers: type ? { "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, "x-amzn-requestid": "req-1" } : {},
    body: new TextEncoder().encode(JSON.stringify({ message: "what Bedrock said" })),
  });
  return { reason: error.message, expected: error.name };
}

describe("probeErrorName", () => {
  it("recovers the typed error of every service failure", () => {
    const cases: Array<[number, string | undefined]> = [
      [403, "InvalidSignatureException"],
      [403, "UnrecognizedClientException"],
      [403, "AccessDeniedException"],
      [429, "ThrottlingException"],
      [400, "ValidationException"],
      [404, "ResourceNotFoundException"],
      [500, "InternalServerException"],
      [503, "ServiceUnavailableException"],
      [503, undefined],
      [418, "TeapotException"],
    ];
    for (const [status, type] of cases) {
      const { reason, expected } = reasonFor(status, type);
      expect(probeErrorName(`Model discovery failed: ${reason}`), `${status} ${type}`).toBe(expected);
    }
  });
  it("recognises local failures", () => {
    expect(probeErrorName(new CredentialsNotFoundError(["env — not set"]).message)).toBe("CredentialsNotFoundError");
    expect(probeErrorName(new NetworkError("Network error talking to http://127.0.0.1:9 (ECONNREFUSED). Check the endpoint.").message)).toBe("NetworkError");
    expect(probeErrorName(new TimeoutError("first-byte", 100).message)).toBe("TimeoutError");
    expect(probeErrorName("GET /foundation-models was denied (AccessDeniedException, HTTP 403).")).toBe("AccessDeniedError");
    expect(probeErrorName("something else")).toBe("BedrockError");
  });
});
