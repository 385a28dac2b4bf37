import { AbortError, InternalServerError, NetworkError, ThrottlingError, ValidationError } from "streambed";
import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message.js";

describe("errorMessage", () => {
  it("Bedrock's errors as pi-ai formats the AWS SDK's: prefix (or AWS type) and Bedrock's own message", () => {
    expect(errorMessage(new ThrottlingError("Throttled. Retry later.", { serviceMessage: "Too many tokens" }), false)).toBe("Throttling error: Too many tokens");
    expect(errorMessage(new ValidationError("x", { serviceMessage: "bad" }), false)).toBe("Validation error: bad");
    expect(errorMessage(new InternalServerError("x", { serviceMessage: "oops" }), false)).toBe("Internal server error: oops");
  });
  it("an abort is pi-ai's text; streambed's own errors keep streambed's message", () => {
    expect(errorMessage(new AbortError(), false)).toBe("Request was aborted");
    expect(errorMessage(new Error("anything"), true)).toBe("Request was aborted");
    expect(errorMessage(new NetworkError("connection reset; retried 3 times"), false)).toBe("connection reset; retried 3 times");
    expect(errorMessage({ odd: 1 }, false)).toBe('{"odd":1}');
  });
});
